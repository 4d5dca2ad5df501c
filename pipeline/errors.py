"""The one error the CLI shows without a traceback."""


class UserError(Exception):
    """A mistake the user can fix (missing file, bad option value): shown as one clear line, exit code 2."""
