"""The API's enums say what the vocabulary says: no value added or lost on the way."""

from __future__ import annotations

from enum import Enum

import pytest

from api.graphql import types
from schema.vocabulary import (
    BOARD_KINDS,
    DOCUMENT_KINDS,
    FRAMEWORKS,
    JUDGEMENTS,
    PERSON_KINDS,
    POLARITIES,
    Label,
    RelType,
)


@pytest.mark.parametrize(
    ("enum", "values"),
    [
        (types.Judgement, JUDGEMENTS),
        (types.Framework, FRAMEWORKS),
        (types.Polarity, POLARITIES),
        (types.BoardKind, BOARD_KINDS),
        (types.PersonKind, PERSON_KINDS),
        (types.DocumentKind, DOCUMENT_KINDS),
        (types.RelationshipType, tuple(t.value for t in RelType)),
        (
            types.NodeKind,
            tuple(label.value for label in Label if label not in (Label.OFFICER, Label.COUNCILLOR)),
        ),
    ],
)
def test_enum_matches_the_vocabulary(enum: type[Enum], values: tuple[str, ...]) -> None:
    assert sorted(member.value for member in enum) == sorted(values)
