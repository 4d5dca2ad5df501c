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


def test_long_last_word_before_a_period():
    # the last word before a period is read from a short window; a word longer than the window is read whole
    long_word = "x" * 45
    ft, sents = split(f"Forces hit {long_word}. Another raid followed. Police said {long_word}u.s. officials left.")
    assert [ft.folded[s.start:s.end].strip() for s in sents] == [
        f"forces hit {long_word}.", f"another raid followed.", f"police said {long_word}u.s. officials left."]
    ft, sents = split(f"{'y' * 40} Gen. Smith said. Then {'z' * 40} St. Mary's was hit.")
    assert len(sents) == 2


def test_heading_test_reads_the_last_character_and_words():
    ft, sents = split("Jets strike camp\n\nHeadline ending with a colon:\n\nJets struck a camp near Sirte on Monday, officials said.")
    assert [s.heading for s in sents] == [True, False, False]
    many_words = " ".join(["word"] * 26)
    ft, sents = split(f"{many_words}\n\nJets struck a camp.")
    assert [s.heading for s in sents] == [False, False]


def test_pluperfect_spans_like_the_pattern_everywhere():
    from pipeline.extract.triggers import _PAST_PERFECT, pluperfect_spans

    for text in ["وكانت قوات الجيش قد هاجمت المدينة",
                 "كان المسلحون قد انسحبوا. وكانوا قد هاجموا",
                 "ووكان قد هاجم",          # no word start
                 "بكانت قد هاجمت",          # a word character before
                 "وكان وكان قد هاجم الموقع وكانت القوات قد ردت",
                 "كانت قد",                 # nothing after قد
                 "قوات بلا ماض"]:
        folded = fold_text(text).folded
        expected = [m.start() for m in _PAST_PERFECT.finditer(folded)] if "قد" in folded else []
        assert pluperfect_spans(folded) == expected, text
    assert pluperfect_spans(fold_text("وكانت قوات الجيش قد هاجمت المدينة").folded) == [0]
