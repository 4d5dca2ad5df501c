"""Start-up speed-ups of the extraction lexicons build the same tables and patterns as before."""
from pipeline.extract import dates, text


def test_fold_marks_from_ranges_are_the_marks_pattern_matches():
    marks = {chr(c) for c in range(0x3100) if text._MARKS.fullmatch(chr(c))}
    assert text._MARK_CHARS == marks
    assert {ch for ch, to in text._CHANGED.items() if to == ""} == marks
    assert all(text._DENSE_TABLE[ord(ch)] is None for ch in marks)


def test_bmp_plane_is_every_bmp_character_in_order():
    assert dates._bmp_plane() == "".join(map(chr, range(0x10000)))
