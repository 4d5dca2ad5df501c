"""The synthetic-database generator (scripts/make_test_db.py), loaded once for every test that needs it."""
import functools
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@functools.cache
def make_test_db_module():
    spec = importlib.util.spec_from_file_location("make_test_db", ROOT / "scripts" / "make_test_db.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_test_db(path, n_events, **kwargs):
    """scripts/make_test_db.py's build_test_db: a database with n_events synthetic events."""
    return make_test_db_module().build_test_db(path, n_events, **kwargs)
