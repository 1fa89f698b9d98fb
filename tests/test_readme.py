"""The README's examples work: its GraphQL query is valid against the API's schema."""

from __future__ import annotations

import re
from pathlib import Path

from graphql import parse, validate

from api.graphql.schema import schema

README = Path(__file__).resolve().parent.parent / "README.md"


def test_the_readme_graphql_example_is_valid() -> None:
    blocks = re.findall(r"```graphql\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert blocks
    for block in blocks:
        assert validate(schema._schema, parse(block)) == []
