"""Sentence splitting, headings and datelines."""
from pipeline.extract.sentences import split_sentences
from pipeline.extract.text import fold_text


def split(text):
    ft = fold_text(text)
    return ft, split_sentences(ft.cased, ft.folded)


def test_abbreviations_do_not_split():
    ft, sents = split("U.S. forces struck a camp on Jan. 4, Maj. Gen. Smith said. Another raid followed.")
    assert len(sents) == 2


def test_arabic_stop_without_space_splits():
    ft, sents = split("قصفت الطائرات الموقع.وقتل ثلاثة مسلحين.")
    assert len(sents) == 2


def test_headings_are_flagged():
    ft, sents = split("غارة على مواقع التنظيم\n\nقصفت الطائرات مواقع التنظيم قرب سرت أمس.")
    assert [s.heading for s in sents] == [True, False]


def test_datelines():
    for text, prefix in [("بنغازي - قصفت الطائرات موقعا أمس.", "بنغازي - "),
                         ("CAIRO (Reuters) - Jets struck a camp on Monday.", "cairo (reuters) - "),
                         ("DERNA, Libya — Jets struck a camp on Monday.", "derna, libya - ")]:
        ft, sents = split(text)
        assert ft.folded[sents[0].start:sents[0].dateline_end] == prefix


def test_a_line_that_is_only_a_dateline_is_dropped():
    ft, sents = split("مصراتة - وكالات:\nقصفت الطائرات موقعا أمس.")
    assert len(sents) == 1 and ft.folded[sents[0].start:].startswith("قصفت")


def test_more_datelines():
    for text, prefix in [("طرابلس ـ قصفت الطائرات موقعا أمس.", "طرابلس - "),
                         ("Tripoli (AFP) - Jets struck a camp on Monday.", "tripoli (afp) - ")]:
        ft, sents = split(text)
        assert ft.folded[sents[0].start:sents[0].dateline_end] == prefix
