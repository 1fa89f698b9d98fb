"""The strawberry Schema, with its security extensions built once.

`build_schema(limits)` makes one schema per set of limits and caches it, and the
module-level `schema` is built at import from the settings. The validation rules
(depth, aliases, introspection) are classes made here once: strawberry's validation
cache is keyed by the rule classes, so rules rebuilt per request would never hit it.
Per request, cheap factories wrap these shared rules, so no extension instance (which
holds its request's execution context) is shared between concurrent requests.

    >>> print(schema.as_str()[:40])  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

import strawberry
from graphql import ASTValidationRule, GraphQLError
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import (
    AddValidationRules,
    MaxTokensLimiter,
    ParserCache,
    SchemaExtension,
    ValidationCache,
)
from strawberry.extensions.max_aliases import create_validator as aliases_validator
from strawberry.extensions.query_depth_limiter import create_validator as depth_validator
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext
from strawberry.types.base import get_object_definition

from api.graphql.analytics import AnalyticsQuery
from api.graphql.cost import CostLimits, QueryCostLimiter
from api.graphql.errors import MaskInternalErrors, annotate_errors
from api.graphql.loaders import Limits
from api.graphql.resolvers import Query
from api.graphql.types import ENTITY_TYPES, ISO_DATE_SCALAR, IsoDate
from api.settings import Settings, get_settings


@strawberry.type(name="Query", description=get_object_definition(Query, strict=True).description)
class FullQuery(Query, AnalyticsQuery):
    """The root Query: the entities and the analysts' questions, then the analytics."""


class GraphSchema(strawberry.Schema):
    """A strawberry Schema that codes user-facing errors and logs only internal ones."""

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        # strawberry's default logs every error, user mistakes included, as a server error.
        annotate_errors(errors)


def limits_from_settings(settings: Settings) -> Limits:
    """The request limits the settings ask for."""
    return Limits(
        max_page_size=settings.max_page_size,
        default_page_size=min(20, settings.max_page_size),
        max_depth=settings.max_depth,
        max_aliases=settings.max_aliases,
        max_tokens=settings.max_tokens,
        max_cost=settings.max_cost,
        introspection=settings.introspection,
    )


def _validation_rules(limits: Limits) -> tuple[type[ASTValidationRule], ...]:
    rules: list[type[ASTValidationRule]] = [
        depth_validator(limits.max_depth, None),
        aliases_validator(limits.max_aliases),
    ]
    if not limits.introspection:
        rules.append(NoSchemaIntrospectionCustomRule)
    return tuple(rules)


def _extensions(
    limits: Limits, rules: Sequence[type[ASTValidationRule]], schema_ref: list[GraphSchema]
) -> list[Any]:
    cost_limits = CostLimits(limits.max_cost, limits.max_page_size, limits.default_page_size)

    def validation_rules() -> SchemaExtension:
        return AddValidationRules(list(rules))

    def tokens() -> SchemaExtension:
        return MaxTokensLimiter(max_token_count=limits.max_tokens)

    def query_cost() -> SchemaExtension:
        # the GraphQL schema object exists once the strawberry schema is built
        return QueryCostLimiter(cost_limits, schema_ref[0]._schema)

    def validation_cache() -> SchemaExtension:
        return ValidationCache(maxsize=256)

    def parser_cache() -> SchemaExtension:
        return ParserCache(maxsize=256)

    return [tokens, parser_cache, validation_rules, validation_cache, query_cost, MaskInternalErrors]


@cache
def build_schema(limits: Limits) -> GraphSchema:
    """The schema enforcing `limits`: built once per distinct limits, then reused."""
    rules = _validation_rules(limits)
    schema_ref: list[GraphSchema] = []
    built = GraphSchema(
        query=FullQuery,
        types=list(ENTITY_TYPES),
        extensions=_extensions(limits, rules, schema_ref),
        config=StrawberryConfig(
            scalar_map={IsoDate: ISO_DATE_SCALAR},
            # suggestions ("did you mean ...") would reveal the schema introspection hides
            disable_field_suggestions=not limits.introspection,
        ),
    )
    schema_ref.append(built)
    return built


def sdl() -> str:
    """The schema in SDL, as the golden file holds it."""
    return str(build_schema(Limits()))


schema = build_schema(limits_from_settings(get_settings()))
