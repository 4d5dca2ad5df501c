"""Bytes -> text: detect the encoding of an article file (UTF-8, UTF-8 BOM, UTF-16, cp1256 Arabic, …).

Order (most certain first): BOMs; UTF-16 without BOM (NUL bytes in alternate positions); strict
UTF-8; then charset-normalizer's guesses, each decoded text checked for plausibility (mostly
letters, digits, punctuation and spaces; no control characters). Arabic legacy files are usually
cp1256: when the bytes decode under cp1256 to mostly Arabic letters, that wins over a guess of a
Latin or Cyrillic code page that merely decodes without error.
"""
from __future__ import annotations

import codecs
import unicodedata

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),   # before UTF-16 LE: its BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SAMPLE = 64 * 1024


class DecodeProblem(Exception):
    """The bytes are not readable text; .reason is 'binary' or 'undecodable'."""

    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


def plausibility(text: str) -> float:
    """Share of characters that look like ordinary text: letters, marks, digits, punctuation, symbols,
    spaces and line breaks (not control characters, private-use code points or U+FFFD)."""
    sample = text[:_SAMPLE]
    if not sample:
        return 0.0
    good = sum(1 for ch in sample
               if ch in "\n\r\t" or (unicodedata.category(ch)[0] in "LMNPSZ" and ch != "\ufffd"))
    return good / len(sample)


def _arabic_letter_share(text: str) -> float:
    """Share of non-ASCII letters that are Arabic (how cp1256 output should look)."""
    letters = [c for c in text[:_SAMPLE] if c.isalpha() and ord(c) > 127]
    if not letters:
        return 0.0
    return sum(1 for c in letters if "\u0600" <= c <= "\u06ff" or "\ufb50" <= c <= "\ufeff") / len(letters)


def _looks_utf16(data: bytes) -> str | None:
    sample = data[:_SAMPLE]
    if len(sample) < 4:
        return None
    even = sample[0::2]
    odd = sample[1::2]
    even_nul = even.count(0) / len(even)
    odd_nul = odd.count(0) / len(odd)
    # ASCII-heavy UTF-16 has NUL in every other byte; Arabic UTF-16 has 0x06 there instead.
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    if odd.count(6) / len(odd) > 0.3 and even.count(6) / len(even) < 0.1:
        return "utf-16-le"
    if even.count(6) / len(even) > 0.3 and odd.count(6) / len(odd) < 0.1:
        return "utf-16-be"
    return None


# C0 control bytes that do not occur in text files (tab, newlines, form feed and escape do).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def _control_share(data: bytes) -> float:
    sample = data[:_SAMPLE]
    bad = len(sample) - len(sample.translate(None, _CONTROL_BYTES))  # counted in C, not per byte in Python
    return bad / max(1, len(sample))


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding name). Raises DecodeProblem('binary'|'undecodable', detail)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(name), name + " (BOM)"
            except UnicodeDecodeError as exc:
                raise DecodeProblem("undecodable", f"has a {name} byte-order mark but is not valid {name}: {exc.reason}")
    if b"\x00" in data[:_SAMPLE] or _control_share(data) > 0.05:
        # Only such data can look like UTF-16 without a BOM: _looks_utf16 needs NUL bytes or 0x06
        # (a control byte) in over 30% of one byte position, i.e. in over 15% of the sample.
        utf16 = _looks_utf16(data)
        if utf16:
            try:
                text = data.decode(utf16)
                if plausibility(text) > 0.9:
                    return text, utf16
            except UnicodeDecodeError:
                pass
        raise DecodeProblem("binary", "binary data (NUL or control bytes), not a text article")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Legacy single-byte code pages: check cp1256 first (Arabic news archives), then ask charset-normalizer.
    try:
        arabic = data.decode("cp1256")
    except UnicodeDecodeError:
        arabic = None
    if arabic is not None and plausibility(arabic) > 0.97 and _arabic_letter_share(arabic) > 0.8:
        return arabic, "cp1256"
    from charset_normalizer import from_bytes  # only for files that are not UTF-8/UTF-16: keeps start-up short

    best = from_bytes(data[: 4 * _SAMPLE])
    for match in best:
        try:
            text = data.decode(match.encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if plausibility(text) > 0.97:
            return text, match.encoding
    raise DecodeProblem("undecodable", "not valid UTF-8/UTF-16 and no known encoding gives readable text")
