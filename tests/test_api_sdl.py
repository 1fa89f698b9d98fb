"""The GraphQL schema is a golden file: a change to what clients depend on shows in review.

To accept a deliberate change: `UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_api_sdl.py`.
"""

from __future__ import annotations

import os
from pathlib import Path

from api.graphql.schema import build_schema, limits_from_settings, sdl
from api.graphql.types import NodeKind, RelationshipType
from api.settings import Settings
from schema.vocabulary import Label, RelType

GOLDEN = Path(__file__).parent / "golden" / "schema.graphql"


def test_sdl_matches_the_golden_file() -> None:
    actual = sdl()
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(actual, encoding="utf-8")
    expected = GOLDEN.read_text(encoding="utf-8")
    assert actual == expected, (
        "The GraphQL schema changed. If the change is deliberate, run "
        "`UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_api_sdl.py` and review the diff of tests/golden/schema.graphql."
    )


def test_the_limits_do_not_change_the_schema() -> None:
    strict = Settings(max_depth=3, max_aliases=1, max_tokens=100, max_cost=10, introspection=False)
    assert str(build_schema(limits_from_settings(strict))) == sdl()


def test_every_kind_and_relationship_of_the_vocabulary_is_in_the_schema() -> None:
    text = sdl()
    kinds = {label.value for label in Label if label not in (Label.OFFICER, Label.COUNCILLOR)}
    assert {k.value for k in NodeKind} == kinds
    for kind in kinds:
        assert f"type {kind} implements" in text, kind
    assert {t.value for t in RelationshipType} == {t.value for t in RelType}


def test_schemas_are_built_once_per_limits() -> None:
    settings = Settings()
    assert build_schema(limits_from_settings(settings)) is build_schema(limits_from_settings(settings))


async def test_the_validation_cache_serves_repeated_queries() -> None:
    # strawberry keys its validation cache by document and rule classes: rules built per
    # request would never hit it. The cache is strawberry's module-level LRU for this size.
    from strawberry.extensions.validation_cache import _get_validate_cache

    schema = build_schema(limits_from_settings(Settings()))
    cache = _get_validate_cache(256)
    query = "{ __typename }"
    first = await schema.execute(query)
    hits = cache.cache_info().hits
    second = await schema.execute(query)
    assert first.errors is None
    assert second.errors is None
    assert cache.cache_info().hits == hits + 1
