"""The root Query: entities by id, filtered lists, and the analysts' questions.

Every resolver is async and asks the repository once per field (lists also once more
for `totalCount`, only when it is selected); nested fields go through the request's
DataLoaders. Results a query already returned are primed into the node loader, so
asking for them again inside the same request costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Annotated, TypeVar

import strawberry

from api.graphql import types as t
from api.graphql.cost import cost
from api.graphql.fields import field
from api.graphql.inputs import (
    ActionFilter,
    BoardFilter,
    CouncilFilter,
    DocumentFilter,
    FindingFilter,
    InspectionFilter,
    MeetingFilter,
    OwnershipFilter,
    PersonFilter,
    PlaceFilter,
    RecommendationFilter,
    RecurrenceFilter,
    RecurrenceScope,
    SearchMode,
    Sort,
    ThemeFilter,
)
from api.graphql.loaders import Info
from api.graphql.pagination import Connection, connection, page_edges, window
from api.graphql.selection import selects
from graph import repository as repo
from graph.repository import NodeRecord
from schema.errors import BadFilterError, NotFoundError
from schema.vocabulary import Label, RelType

N = TypeVar("N")

_PAGE = cost(2, page=True)

FirstArg = Annotated[
    int | None, strawberry.argument(description="How many items to return (at most the server's page size).")
]
AfterArg = Annotated[str | None, strawberry.argument(description="The cursor after which the page starts.")]


async def _list(
    info: Info,
    kind: Label,
    filters: repo.Filters,
    sort: Sort | None,
    first: int | None,
    after: str | None,
    convert: Callable[[NodeRecord], N],
) -> Connection[N]:
    """A page of a filtered, sorted list of one kind of node."""
    limits = info.context.limits
    w = window(first, after, default=limits.default_page_size, maximum=limits.max_page_size)
    order = sort.to_order() if sort is not None else repo.default_order(kind, filters)
    repository = info.context.repository
    # the total comes with the page, in the same query, when the query asks for it
    page = await repository.find(
        kind, filters, order, w.offset, w.limit + 1, with_total=selects(info, ("totalCount",))
    )
    if not page.records and w.offset == 0:
        # An empty first page may mean a misspelt name: say so rather than return nothing.
        await repository.check_filter_names(filters)
    loaders = info.context.loaders
    loaders.prime_nodes(page.records)
    for relation, uid, links in page.neighbours:
        loaders.related(relation).prime(uid, links)

    async def count() -> int:
        return page.total if page.total is not None else await repository.count(kind, filters)

    return connection([convert(r) for r in page.records], w, count)


def _filters(value: PlaceFilter | None) -> repo.Filters:
    return value.to_filters() if value is not None else repo.Filters()


def _relationship_types(via: Sequence[t.RelationshipType] | None) -> tuple[RelType, ...]:
    if via is None:
        return repo.STRUCTURAL_TYPES
    if not via:
        raise BadFilterError("`via` is empty: leave it out to follow every relationship but provenance")
    return tuple(dict.fromkeys(RelType(v.value) for v in via))


@strawberry.type(description="Questions about Ofsted inspections of councils' children's services.")
class Query:
    @field(description="Any entity by its id (its uid, such as `Council:E09000014`).", cost=cost(1))
    async def node(self, info: Info, id: strawberry.ID) -> t.Node | None:
        record = await info.context.loaders.nodes.load(str(id))
        return t.node_from_record(record) if record is not None and t.is_entity(record) else None

    @field(description="Entities by their ids, in the order given; null for unknown ids.", cost=cost(1))
    async def nodes(self, info: Info, ids: list[strawberry.ID]) -> list[t.Node | None]:
        limits = info.context.limits
        if len(ids) > limits.max_page_size:
            raise BadFilterError(f"at most {limits.max_page_size} ids at a time, not {len(ids)}")
        records = await info.context.loaders.nodes.load_many([str(i) for i in ids])
        return [t.node_from_record(r) if r is not None and t.is_entity(r) else None for r in records]

    @field(description="A council by its short name, official name or ONS code.", cost=cost(1))
    async def council(self, info: Info, name_or_code: str) -> t.Council | None:
        try:
            record = await info.context.repository.resolve_council(name_or_code.strip())
        except NotFoundError:
            return None
        return t.council_from_record(record)

    @field(description="Councils, by name unless sorted otherwise.", cost=_PAGE)
    async def councils(
        self, info: Info, filter: CouncilFilter | None = None, sort: Sort | None = None,
        first: FirstArg = None, after: AfterArg = None,
    ) -> Connection[t.Council]:  # fmt: skip
        return await _list(info, Label.COUNCIL, _filters(filter), sort, first, after, t.council_from_record)

    @field(description="Inspections and visits, the most recent first unless sorted otherwise.",
                      cost=_PAGE)  # fmt: skip
    async def inspections(
        self, info: Info, filter: InspectionFilter | None = None, sort: Sort | None = None,
        first: FirstArg = None, after: AfterArg = None,
    ) -> Connection[t.Inspection]:  # fmt: skip
        return await _list(
            info, Label.INSPECTION, _filters(filter), sort, first, after, t.inspection_from_record
        )

    @field(description="Recommendations of inspections, the most recent first.", cost=_PAGE)
    async def recommendations(
        self, info: Info, filter: RecommendationFilter | None = None, sort: Sort | None = None,
        first: FirstArg = None, after: AfterArg = None,
    ) -> Connection[t.Recommendation]:  # fmt: skip
        return await _list(
            info, Label.RECOMMENDATION, _filters(filter), sort, first, after, t.recommendation_from_record
        )

    @field(description="Findings of inspections, the most recent first.", cost=_PAGE)
    async def findings(
        self, info: Info, filter: FindingFilter | None = None, sort: Sort | None = None,
        first: FirstArg = None, after: AfterArg = None,
    ) -> Connection[t.Finding]:  # fmt: skip
        return await _list(info, Label.FINDING, _filters(filter), sort, first, after, t.finding_from_record)

    @field(description="Councils' action plans, the most recent first.", cost=_PAGE)
    async def action_plans(
        self, info: Info, filter: ActionFilter | None = None, sort: Sort | None = None,
        first: FirstArg = None, after: AfterArg = None,
    ) -> Connection[t.ActionPlan]:  # fmt: skip
        return await _list(
            info, Label.ACTION_PLAN, _filters(filter), sort, first, after, t.action_plan_from_record
        )

    @field(description="Actions of councils' plans, by due date, the latest first.", cost=_PAGE)
    async def actions(
        self, info: Info, filter: ActionFilter | None = None, sort: Sort | None = None,
        first: FirstArg = None, after: AfterArg = None,
    ) -> Connection[t.Action]:  # fmt: skip
        return await _list(info, Label.ACTION, _filters(filter), sort, first, after, t.action_from_record)

    @field(description="Boards, committees and panels, by name.", cost=_PAGE)
    async def boards(
        self, info: Info, filter: BoardFilter | None = None, sort: Sort | None = None,
        first: FirstArg = None, after: AfterArg = None,
    ) -> Connection[t.Board]:  # fmt: skip
        return await _list(info, Label.BOARD, _filters(filter), sort, first, after, t.board_from_record)

    @field(description="Officers and councillors, by name.", cost=_PAGE)
    async def people(
        self, info: Info, filter: PersonFilter | None = None, sort: Sort | None = None,
        first: FirstArg = None, after: AfterArg = None,
    ) -> Connection[t.Person]:  # fmt: skip
        return await _list(info, Label.PERSON, _filters(filter), sort, first, after, t.person_from_record)

    @field(description="Themes of the taxonomy, by name; sort by RECURRENCE for the most recurrent.",
                      cost=_PAGE)  # fmt: skip
    async def themes(
        self, info: Info, filter: ThemeFilter | None = None, sort: Sort | None = None,
        first: FirstArg = None, after: AfterArg = None,
    ) -> Connection[t.Theme]:  # fmt: skip
        return await _list(info, Label.THEME, _filters(filter), sort, first, after, t.theme_from_record)

    @field(description="Meetings, the most recent first.", cost=_PAGE)
    async def meetings(
        self, info: Info, filter: MeetingFilter | None = None, sort: Sort | None = None,
        first: FirstArg = None, after: AfterArg = None,
    ) -> Connection[t.Meeting]:  # fmt: skip
        return await _list(info, Label.MEETING, _filters(filter), sort, first, after, t.meeting_from_record)

    @field(description="Source documents, the most recent first.", cost=_PAGE)
    async def documents(
        self, info: Info, filter: DocumentFilter | None = None, sort: Sort | None = None,
        first: FirstArg = None, after: AfterArg = None,
    ) -> Connection[t.Document]:  # fmt: skip
        return await _list(info, Label.DOCUMENT, _filters(filter), sort, first, after, t.document_from_record)

    @field(
        description="Themes and clusters of close wording whose recommendations (and the findings and actions "
        "tied to them) come from two or more inspections: within one council over time, or across councils. "
        "The most recurrent first.",
        cost=cost(20, page=True),
    )
    async def recurring_recommendations(
        self,
        info: Info,
        filter: RecurrenceFilter | None = None,
        first: FirstArg = None,
        after: AfterArg = None,
    ) -> Connection[t.RecurringGroup]:
        limits = info.context.limits
        w = window(first, after, default=limits.default_page_size, maximum=limits.max_page_size)
        spec = filter or RecurrenceFilter()
        filters = spec.to_filters()
        repository = info.context.repository
        groups, details = await repository.recurrence_groups(
            filters,
            min_inspections=spec.min_inspections,
            per_council=spec.scope is RecurrenceScope.WITHIN_COUNCIL,
            by_theme=t.RecurrenceBasis.THEME in spec.basis,
            by_wording=t.RecurrenceBasis.SIMILAR_WORDING in spec.basis,
            with_details=selects(info, ("nodes", "inspections"), ("edges", "node", "inspections")),
        )
        # inspections that came with the groups need no second query
        loader = info.context.loaders.recurrence(filters)
        for group in groups:
            if group.key in details:
                loader.prime(group, details[group.key])
        if not groups:
            await repository.check_filter_names(filters)
        page = groups[w.offset : w.offset + w.limit + 1]

        async def count() -> int:
            return len(groups)

        return connection([t.recurring_group_from_record(g, filters) for g in page], w, count)

    @field(
        description="Every action with the board answerable for it: named by a document (OWNED), or inherited "
        "from the board monitoring its plan (INHERITED), with the evidence; and the actions no board owns "
        "(UNOWNED, listed last).",
        cost=cost(5, page=True),
    )
    async def action_ownership(
        self,
        info: Info,
        filter: OwnershipFilter | None = None,
        first: FirstArg = None,
        after: AfterArg = None,
    ) -> t.ActionOwnershipConnection:
        limits = info.context.limits
        w = window(first, after, default=limits.default_page_size, maximum=limits.max_page_size)
        filters = _filters(filter)
        ownership = filter.ownership.value if filter is not None and filter.ownership is not None else None
        repository = info.context.repository
        page = await repository.action_ownership(filters, ownership, w.offset, w.limit + 1)
        if not page.records and w.offset == 0:
            await repository.check_filter_names(filters)
        edges, page_info = page_edges([t.action_ownership_from_record(r) for r in page.records], w)

        # the counts came with the page
        async def summary() -> repo.OwnershipCounts:
            return page.counts

        async def count() -> int:
            return page.counts.total

        return t.ActionOwnershipConnection(edges=edges, page_info=page_info, _count=count, _summary=summary)

    @field(
        description="A council's inspections with their judgements, plans, meetings and actions, in date order "
        "(undated items placed with their plan or inspection).",
        cost=cost(10, fan_out=50),
    )
    async def timeline(
        self,
        info: Info,
        council: Annotated[str, strawberry.argument(description="The council's name or ONS code.")],
        date_from: Annotated[t.IsoDate | None, strawberry.argument(name="from")] = None,
        date_to: Annotated[t.IsoDate | None, strawberry.argument(name="to")] = None,
        kinds: list[t.TimelineKind] | None = None,
    ) -> t.Timeline:
        record, events = await info.context.repository.council_timeline(
            council.strip(), date_from, date_to, [k.value for k in kinds] if kinds is not None else None
        )
        return t.Timeline(
            council=t.council_from_record(record), events=[t.timeline_event_from_record(e) for e in events]
        )

    @field(
        description="The shortest chain of relationships linking two entities (provenance left out unless asked "
        "for in `via`), or null when none is within `maxHops`.",
        cost=cost(5, per="maxHops", per_default=4),
    )
    async def path(
        self,
        info: Info,
        from_: Annotated[strawberry.ID, strawberry.argument(name="from")],
        to: strawberry.ID,
        max_hops: int = 4,
        via: list[t.RelationshipType] | None = None,
    ) -> t.Path | None:
        limits = info.context.limits
        if not 1 <= max_hops <= limits.max_hops:
            raise BadFilterError(f"`maxHops` must be between 1 and {limits.max_hops}, not {max_hops}")
        record = await info.context.repository.shortest_path(
            str(from_), str(to), max_hops, _relationship_types(via)
        )
        return t.path_from_record(record) if record is not None else None

    @field(
        description="The entities within `depth` relationships of one (at most `limit` of them), and the "
        "relationships among them: the subgraph for a relationship view.",
        cost=cost(2, per="limit", per_default=50),
    )
    async def neighbourhood(
        self,
        info: Info,
        id: strawberry.ID,
        depth: int = 1,
        limit: int = 50,
        via: list[t.RelationshipType] | None = None,
    ) -> t.Subgraph:
        limits = info.context.limits
        if not 1 <= depth <= limits.max_neighbourhood_depth:
            raise BadFilterError(
                f"`depth` must be between 1 and {limits.max_neighbourhood_depth}, not {depth}"
            )
        if not 1 <= limit <= limits.max_page_size:
            raise BadFilterError(f"`limit` must be between 1 and {limits.max_page_size}, not {limit}")
        record = await info.context.repository.neighbourhood(str(id), depth, limit, _relationship_types(via))
        return t.subgraph_from_record(record)

    @field(
        description="Entities whose names, titles or texts match, best first (Neo4j's full-text index).",
        cost=cost(5, page=True),
    )
    async def search(
        self,
        info: Info,
        text: str,
        kinds: list[t.NodeKind] | None = None,
        mode: SearchMode = SearchMode.ANY_WORDS,
        first: FirstArg = None,
        after: AfterArg = None,
    ) -> Connection[t.SearchHit]:
        limits = info.context.limits
        w = window(first, after, default=limits.default_page_size, maximum=limits.max_page_size)
        filters = repo.Filters(text=text, search_mode=repo.SearchMode(mode.value))
        labels = [Label(k.value) for k in kinds or ()]
        repository = info.context.repository
        hits = await repository.search(filters, labels, w.offset, w.limit + 1)
        info.context.loaders.prime_nodes([h.node for h in hits])

        async def count() -> int:
            return await repository.search_count(filters, labels)

        return connection([t.search_hit_from_record(h) for h in hits], w, count)
