"""Per-request DataLoaders and the context that carries them.

Every DataLoader's batch function is one repository call that returns results in key
order, so the fields of a list of parents cost one query per field, not one per parent.
Loaders are made per request: their caches never outlive it, so a request never sees
another's data, nor data older than itself.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TypeVar, cast

import strawberry
from strawberry.dataloader import DataLoader
from strawberry.fastapi import BaseContext

from graph.repository import (
    EvidenceRecord,
    Filters,
    GraphRepository,
    Linked,
    NodeRecord,
    RecurrenceGroup,
    RecurrenceInspection,
    Relation,
)


@dataclass(frozen=True)
class Limits:
    """The limits a request is held to, from the settings."""

    max_page_size: int = 100
    default_page_size: int = 20
    max_depth: int = 10
    max_aliases: int = 15
    max_tokens: int = 2000
    max_cost: int = 5000
    introspection: bool = True
    max_hops: int = 6
    max_neighbourhood_depth: int = 3


class Loaders:
    """The DataLoaders of one request."""

    def __init__(self, repository: GraphRepository) -> None:
        self.repository = repository
        self.nodes: DataLoader[str, NodeRecord | None] = DataLoader(load_fn=repository.nodes)
        self.evidence: DataLoader[str, list[EvidenceRecord]] = DataLoader(load_fn=repository.evidence)
        self._related: dict[Relation, DataLoader[str, list[Linked]]] = {}
        self._pages: dict[Relation, DataLoader[tuple[str, int, int], list[NodeRecord]]] = {}
        self._counts: dict[Relation, DataLoader[str, int]] = {}
        self._recurrence: dict[Filters, DataLoader[RecurrenceGroup, list[RecurrenceInspection]]] = {}

    def related(self, relation: Relation) -> DataLoader[str, list[Linked]]:
        """Neighbours over one relation, by parent uid."""
        loader = self._related.get(relation)
        if loader is None:
            loader = DataLoader(load_fn=partial(self.repository.related, relation))
            self._related[relation] = loader
        return loader

    def related_page(self, relation: Relation) -> DataLoader[tuple[str, int, int], list[NodeRecord]]:
        """A page of neighbours over one relation, by `(parent uid, offset, limit)`."""
        loader = self._pages.get(relation)
        if loader is None:
            loader = DataLoader(load_fn=partial(self.repository.related_page, relation))
            self._pages[relation] = loader
        return loader

    def related_count(self, relation: Relation) -> DataLoader[str, int]:
        """How many neighbours over one relation, by parent uid."""
        loader = self._counts.get(relation)
        if loader is None:
            loader = DataLoader(load_fn=partial(self.repository.count_related, relation))
            self._counts[relation] = loader
        return loader

    def recurrence(self, filters: Filters) -> DataLoader[RecurrenceGroup, list[RecurrenceInspection]]:
        """The inspections and items of recurrence groups found under `filters`."""
        loader = self._recurrence.get(filters)
        if loader is None:

            async def load(groups: list[RecurrenceGroup]) -> Sequence[list[RecurrenceInspection]]:
                return await self.repository.recurrence_details(groups, filters)

            # Groups hold property maps, which do not hash: their key names them.
            loader = DataLoader(load_fn=load, cache_key_fn=lambda g: g.key)
            self._recurrence[filters] = loader
        return loader

    def prime_nodes(self, records: Sequence[NodeRecord]) -> None:
        """Remember nodes a query already returned, so fields asking for them again cost nothing."""
        for record in records:
            self.nodes.prime(record.uid, record)


K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
R = TypeVar("R")


def load_then(loader: DataLoader[K, V], key: K, then: Callable[[V], R]) -> R:
    """`then(value)` for the loader's value under `key`: at once when the request already
    holds it (a query primed it, or an earlier field loaded it), else later, batched.

    A field's resolver returns what this returns. graphql-core awaits whatever a resolver
    returns that is awaitable, and takes anything else as the value, so a field whose value
    is already here costs no coroutine, task or future: in a list of a hundred items
    that is most of the time spent. The result is typed as the value, which is what the
    field resolves to, so resolvers keep the return type the schema is built from.
    """
    future = loader.cache_map.get(key) if loader.cache else None
    if future is not None and future.done() and not future.cancelled() and future.exception() is None:
        return then(future.result())

    async def later() -> R:
        return then(await loader.load(key))

    # an awaitable standing for the value: see above
    return cast("R", later())


class GraphContext(BaseContext):
    """The context of one GraphQL request: the repository, its loaders and the limits."""

    def __init__(self, repository: GraphRepository, limits: Limits) -> None:
        super().__init__()
        self.repository = repository
        self.limits = limits
        self.loaders = Loaders(repository)


Info = strawberry.Info[GraphContext, None]
