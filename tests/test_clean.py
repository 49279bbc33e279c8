"""Cleaning: mojibake repaired, boilerplate dropped, datelines read."""
from rekg.graph.model import ArticleMeta
from rekg.loaders.clean import clean, clean_text, parse_date, repair_cp874
from rekg.loaders.read import RawDocument


def cp874_mojibake(s: str) -> str:
    """What a UTF-8 text looks like after being decoded as Windows-874 (Thai)."""
    return s.encode("utf-8").decode("cp874", errors="ignore")


def test_cp874_runs_are_restored():
    damaged = cp874_mojibake("Péng Hóuxìn Group")
    assert damaged != "Péng Hóuxìn Group"
    assert repair_cp874(damaged) == "Péng Hóuxìn Group"


def test_lost_punctuation_never_lands_inside_a_name():
    # the lead byte 'โ' is all that survives of a curly quote, an apostrophe or a dash
    text = "The institute\u0e42s director said \u0e42green mining\u0e42 matters\u0e42a lot. Output rose 10\u0e4220%."
    fixed = repair_cp874(text)
    assert "\u0e42" not in fixed
    assert "institute's director" in fixed
    assert '"green mining"' in fixed
    assert "10-20%" in fixed
    assert repair_cp874("Magnates' output") == "Magnates' output"


def test_genuine_thai_is_left_alone():
    thai = "\u0e2a\u0e27\u0e31\u0e2a\u0e14\u0e35\u0e04\u0e23\u0e31\u0e1a"
    assert repair_cp874(thai) == thai


def test_boilerplate_and_whitespace():
    text = (
        "Home / Metal News / Rare Earths\nThe Baotou plant   opened (opens in a new tab) today.\n\n\n"
        "It employs 300 people.\nScan the code to join our group:\nTags: magnets\n"
        "For queries, please contact Wang at wang@example.com\nRelated news\nOther story"
    )
    out = clean_text(text)
    assert out == "The Baotou plant opened today.\n\nIt employs 300 people."


def test_credit_lines_are_boilerplate():
    out = clean_text("Source: Steppe Metals Online Editor: Qin Yu\nThe smelter restarted.\nPhoto: staff\nResponsible editor: Ma Lin")
    assert out == "The smelter restarted."


def test_dateline_becomes_published_and_leaves_the_text():
    raw = RawDocument(ArticleMeta(id="x"), "A title line\nMar 3,2024 10:15CST\nThe forum opened in Ganzhou on March 3.")
    art = clean(raw)
    assert art.published == "2024-03-03"
    assert "10:15" not in art.text and art.title == "A title line"
    assert len(art.sha256) == 64


def test_parse_date_forms():
    assert parse_date("2024-05-06T10:00:00Z") == "2024-05-06"
    assert parse_date("12 October 2023") == "2023-10-12"
    assert parse_date("not a date") is None
