"""`field`: strawberry's field decorator, typed, with the field's cost.

`strawberry.field(description=...)` used as a decorator is typed `Any`, which strict
mypy rejects; this wrapper keeps the decorated resolver's type and puts the cost
where the cost analysis reads it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

import strawberry

from api.graphql.cost import COST_KEY, Cost

F = TypeVar("F", bound=Callable[..., Any])


def field(*, description: str, cost: Cost | None = None, name: str | None = None) -> Callable[[F], F]:
    """A resolver field with a description and, optionally, its cost and GraphQL name."""
    metadata = {COST_KEY: cost} if cost is not None else None
    return cast("Callable[[F], F]", strawberry.field(description=description, name=name, metadata=metadata))
