"""Council names resolve to one council whatever their form; themes tag texts."""

from __future__ import annotations

import pytest

from ingest.councils import CouncilGazetteer
from ingest.similarity import content_words, similar_pairs
from ingest.themes import ThemeTagger


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("London Borough of Haringey", "E09000014"),
        ("Haringey Council", "E09000014"),
        ("Haringey", "E09000014"),
        ("Royal Borough of Kensington and Chelsea", "E09000020"),
        ("Kingston upon Hull City Council", "E06000010"),
        ("St. Helens", "E08000013"),
        ("Bournemouth, Christchurch & Poole", "E06000058"),
        ("Doncaster Metropolitan Borough Council", "E08000017"),
        ("E08000017", "E08000017"),
    ],
)
def test_resolve_forms_of_a_name(name: str, code: str) -> None:
    council = CouncilGazetteer.load().resolve(name)
    assert council is not None
    assert council.code == code


def test_find_all_spans_and_ambiguous_words() -> None:
    gaz = CouncilGazetteer.load()
    text = "Reading the report, Reading Borough Council and the London\nBorough of Barking & Dagenham agreed."
    found = [(m.council.name, text[m.start : m.end]) for m in gaz.find_all(text)]
    assert found == [
        ("Reading", "Reading Borough Council"),
        ("Barking and Dagenham", "London\nBorough of Barking & Dagenham"),
    ]


def test_every_council_has_a_code_and_region() -> None:
    gaz = CouncilGazetteer.load()
    current = [c for c in gaz.councils if not c.former]
    assert len(current) >= 150
    assert all(c.code.startswith("E") and c.region for c in gaz.councils)
    haringey = gaz.resolve("Haringey")
    assert haringey is not None
    assert len(gaz.neighbours(haringey)) == 10


def test_themes_tag_with_the_words_that_matched() -> None:
    tagger = ThemeTagger.load()
    matches = tagger.tag(
        "Improve the timeliness of return home interviews for children who go missing from care."
    )
    assert [m.theme.name for m in matches] == ["missing children and return interviews"]
    assert matches[0].matched.lower().startswith("return home interview")
    assert tagger.tag("The weather was fine.") == []


def test_taxonomy_covers_the_national_themes() -> None:
    names = {t.name for t in ThemeTagger.load().themes}
    for theme in (
        "early help",
        "life story work",
        "private fostering",
        "independent reviewing officers",
        "care leavers",
        "exploitation",
        "pre-proceedings and court work",
        "audit and quality assurance",
    ):
        assert theme in names


def test_similar_pairs_find_close_wording_only() -> None:
    texts = [
        "Ensure that all care leavers have a pathway plan that is specific and up to date.",
        "Ensure all care leavers have pathway plans that are specific and up to date.",
        "Improve the quality of return home interviews.",
    ]
    pairs = similar_pairs(texts)
    assert [(i, j) for i, j, _ in pairs] == [(0, 1)]
    assert content_words("The plans of THE council") == "plan council"
