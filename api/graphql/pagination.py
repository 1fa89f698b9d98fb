"""Cursor connections: `first`, `after`, `totalCount`, as the Relay connection spec has them.

A cursor is an opaque token for a position in a sorted list. Lists here are sorted on
keys that end with the node's uid, so a position is stable between requests while the
graph does not change. `totalCount` runs its own count query, only when asked for.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import strawberry

from api.graphql.cost import COST_KEY, cost
from api.graphql.fields import field
from schema.errors import BadFilterError

T = TypeVar("T")

_PREFIX = "position:"


def encode_cursor(position: int) -> str:
    """The cursor of the item at `position` (0-based) of a list."""
    return base64.urlsafe_b64encode(f"{_PREFIX}{position}".encode()).decode()


def decode_cursor(cursor: str) -> int:
    """The position a cursor stands for; `BadFilterError` for anything else."""
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        text = ""
    if not text.startswith(_PREFIX) or not text[len(_PREFIX) :].isdigit():
        raise BadFilterError(f"`after`: {cursor!r} is not a cursor this API gave")
    return int(text[len(_PREFIX) :])


@dataclass(frozen=True)
class Window:
    """The slice of a list a request asks for."""

    offset: int
    limit: int


def window(first: int | None, after: str | None, *, default: int, maximum: int) -> Window:
    """The offset and size of the page that `first` and `after` ask for."""
    size = default if first is None else first
    if size < 0 or size > maximum:
        raise BadFilterError(f"`first` must be between 0 and {maximum}, not {size}")
    offset = decode_cursor(after) + 1 if after is not None else 0
    return Window(offset, size)


@strawberry.type(description="Where a page stands in its list.")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type(description="An item of a list and its cursor.")
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type(description="A page of a list, with the cursors to go on from it and the list's size.")
class Connection(Generic[T]):
    edges: list[Edge[T]] = strawberry.field(metadata={COST_KEY: cost(0, items=True)})
    page_info: PageInfo = strawberry.field(metadata={COST_KEY: cost(0)})
    _count: strawberry.Private[Callable[[], Awaitable[int]]]

    @field(description="The items of the page, without their cursors.", cost=cost(0, items=True))
    def nodes(self) -> list[T]:
        return [edge.node for edge in self.edges]

    @field(description="How many items the whole list holds, all pages together.")
    async def total_count(self) -> int:
        return await self._count()


def page_edges(items: Sequence[T], w: Window) -> tuple[list[Edge[T]], PageInfo]:
    """Edges and page info for `items`, fetched as `w.limit + 1` rows from `w.offset`.

    The extra row, when it comes, only tells that there is a next page.
    """
    kept = list(items[: w.limit])
    edges = [Edge(cursor=encode_cursor(w.offset + i), node=item) for i, item in enumerate(kept)]
    info = PageInfo(
        has_next_page=len(items) > w.limit,
        has_previous_page=w.offset > 0,
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
    )
    return edges, info


def connection(items: Sequence[T], w: Window, count: Callable[[], Awaitable[int]]) -> Connection[T]:
    """A connection over a page of items (fetched as `w.limit + 1` rows)."""
    edges, info = page_edges(items, w)
    return Connection(edges=edges, page_info=info, _count=count)
