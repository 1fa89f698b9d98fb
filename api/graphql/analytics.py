"""The analytics in GraphQL: boards by the actions they answer for and the paths they sit on,
and the themes councils share with their statistical neighbours.

Both are computed with networkx (`graph.analytics`) over a projection that
`graph.analytics_read.GraphReader` reads for the purpose: boards, plans and actions for
the first; councils, inspections, their themed findings and recommendations and the
themes for the second. A projection is read at most once per request, however many
fields (aliases) ask for it, and the computation runs in a worker thread so that the
event loop keeps serving other requests. Entities in the answers (boards, councils,
themes) come through the request's node DataLoader, so all of them cost one query.

    {
      boardRanking(orderBy: BETWEENNESS, limit: 5) { name total betweenness }
      sharedNeighbourThemes(council: "Haringey", minSharedThemes: 2) {
        council { name } neighbour { name } sharedThemeCount themes { name councilItems neighbourItems }
      }
    }
"""

from __future__ import annotations

import asyncio
import weakref
from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import Annotated, Final

import networkx as nx
import strawberry

from api.graphql import types as t
from api.graphql.cost import COST_KEY, cost
from api.graphql.fields import field
from api.graphql.loaders import GraphContext, Info
from graph import analytics as ga
from graph import analytics_read as ar
from graph.repository import NodeRecord
from ingest.councils import CouncilGazetteer
from schema.errors import BadFilterError, NotFoundError

DEFAULT_LIMIT: Final = 20

# The answers list `limit` items, each with a few loader fields: priced like a neighbourhood.
_RANKING_COST: Final = cost(2, per="limit", per_default=DEFAULT_LIMIT)
# A pair shares a handful of themes at most, out of the taxonomy's hundred or so.
_SHARED_THEMES_COST: Final = cost(0, fan_out=5)
_ONE: Final = cost(1)


# ---------------------------------------------------------------------------- entities by uid


async def _record(info: Info, uid: str, kind: str) -> NodeRecord:
    """The node with this uid, through the request's node loader."""
    record = await info.context.loaders.nodes.load(uid)
    if record is None:
        # read a moment ago for the analytics, so gone only if the graph changed since
        raise NotFoundError(f"the {kind} {uid!r} is no longer in the graph")
    return record


# ---------------------------------------------------------------------------- boards


@strawberry.enum(description="What boards are ranked by.")
class BoardOrder(Enum):
    ACTIONS = ar.BoardOrder.ACTIONS.value
    MONITORED = ar.BoardOrder.MONITORED.value
    BETWEENNESS = ar.BoardOrder.BETWEENNESS.value


@strawberry.type(
    description="A board with the actions it answers for and its place on the paths of the governance network."
)
class BoardStanding:
    id: strawberry.ID = strawberry.field(description="The board's id.")
    name: str | None = strawberry.field(description="The board's name.")
    owned: int = strawberry.field(description="Actions a document names it as owning (OWNS).")
    inherited: int = strawberry.field(
        description="Actions no board owns in the plans it monitors: it answers for them by inheritance."
    )
    total: int = strawberry.field(description="The actions it answers for: owned plus inherited.")
    monitored_plans: int = strawberry.field(description="The action plans it monitors (MONITORS).")
    monitored_actions: int = strawberry.field(
        description="Every action in the plans it monitors, whoever owns it."
    )
    betweenness: float = strawberry.field(
        description="Its normalised betweenness centrality in the network of boards, plans and actions linked "
        "by OWNS, MONITORS, INCLUDES and REPORTS_TO: the share of shortest paths between the others that "
        "run through it (0 to 1)."
    )
    estimated: bool = strawberry.field(
        description="True when the network was too large for the exact betweenness, so it was estimated "
        "from a sample of paths."
    )

    @field(description="The board.", cost=_ONE)
    async def board(self, info: Info) -> t.Board:
        return t.board_from_record(await _record(info, str(self.id), "board"))


def board_standing_from_record(record: ar.BoardStanding) -> BoardStanding:
    """A BoardStanding from its record."""
    return BoardStanding(
        id=strawberry.ID(record.board),
        name=record.name,
        owned=record.owned,
        inherited=record.inherited,
        total=record.total,
        monitored_plans=record.monitored_plans,
        monitored_actions=record.monitored_actions,
        betweenness=record.betweenness,
        estimated=record.sampled,
    )


# ---------------------------------------------------------------------------- neighbours


@strawberry.type(
    description="A theme raised by inspections of both a council and its statistical neighbour, with counts."
)
class SharedThemeCounts:
    name: str | None = strawberry.field(description="The theme's name.")
    council_items: int = strawberry.field(
        description="The council's findings and recommendations about the theme."
    )
    council_inspections: int = strawberry.field(description="The council's inspections that raised it.")
    neighbour_items: int = strawberry.field(
        description="The neighbour's findings and recommendations about the theme."
    )
    neighbour_inspections: int = strawberry.field(description="The neighbour's inspections that raised it.")
    _theme: strawberry.Private[str]

    @field(description="The theme.", cost=_ONE)
    async def theme(self, info: Info) -> t.Theme:
        return t.theme_from_record(await _record(info, self._theme, "theme"))


def shared_theme_from_record(record: ga.SharedTheme) -> SharedThemeCounts:
    """A SharedThemeCounts from its record."""
    return SharedThemeCounts(
        name=record.name,
        council_items=record.council_items,
        council_inspections=record.council_inspections,
        neighbour_items=record.neighbour_items,
        neighbour_inspections=record.neighbour_inspections,
        _theme=record.theme,
    )


@strawberry.type(description="The themes a council shares with one of its statistical neighbours.")
class NeighbourThemes:
    council_name: str | None = strawberry.field(description="The council's name.")
    neighbour_name: str | None = strawberry.field(description="The neighbour's name.")
    shared_theme_count: int = strawberry.field(description="How many themes they share.")
    themes: list[SharedThemeCounts] = strawberry.field(
        description="The shared themes, those with the most findings and recommendations first.",
        metadata={COST_KEY: _SHARED_THEMES_COST},
    )
    _council: strawberry.Private[str]
    _neighbour: strawberry.Private[str]

    @field(description="The council.", cost=_ONE)
    async def council(self, info: Info) -> t.Council:
        return t.council_from_record(await _record(info, self._council, "council"))

    @field(description="Its statistical neighbour.", cost=_ONE)
    async def neighbour(self, info: Info) -> t.Council:
        return t.council_from_record(await _record(info, self._neighbour, "council"))


def neighbour_themes_from_record(record: ga.NeighbourThemes) -> NeighbourThemes:
    """A NeighbourThemes from its record."""
    return NeighbourThemes(
        council_name=record.council_name,
        neighbour_name=record.neighbour_name,
        shared_theme_count=len(record.themes),
        themes=[shared_theme_from_record(s) for s in record.themes],
        _council=record.council,
        _neighbour=record.neighbour,
    )


# ---------------------------------------------------------------------------- per request


@cache
def _neighbours() -> dict[str, tuple[str, ...]]:
    """Council code to its statistical neighbours' codes, from the gazetteer (read once)."""
    return ga.statistical_neighbours(CouncilGazetteer.load())


@dataclass
class _RequestAnalytics:
    """What one request has read and computed so far, each kept as the task that makes it,
    so that fields asking at the same moment share one read."""

    standings: asyncio.Task[list[ar.BoardStanding]] | None = None
    themes: asyncio.Task[nx.MultiDiGraph] | None = None


# Keyed by the request's context, so an entry lives exactly as long as its request.
_PER_REQUEST: weakref.WeakKeyDictionary[GraphContext, _RequestAnalytics] = weakref.WeakKeyDictionary()


def _request_analytics(info: Info) -> _RequestAnalytics:
    found = _PER_REQUEST.get(info.context)
    if found is None:
        found = _PER_REQUEST[info.context] = _RequestAnalytics()
    return found


def _reader(info: Info) -> ar.GraphReader:
    repository = info.context.repository
    return ar.GraphReader(repository.driver, repository.database, repository.timeout)


async def _standings(info: Info) -> list[ar.BoardStanding]:
    cached = _request_analytics(info)
    if cached.standings is None:
        reader = _reader(info)

        async def compute() -> list[ar.BoardStanding]:
            governance = await reader.governance()
            return await asyncio.to_thread(ar.board_standings, governance)

        cached.standings = asyncio.ensure_future(compute())
    return await cached.standings


async def _theme_projection(info: Info) -> nx.MultiDiGraph:
    cached = _request_analytics(info)
    if cached.themes is None:
        cached.themes = asyncio.ensure_future(_reader(info).theme_profiles())
    return await cached.themes


def _check_limit(info: Info, limit: int) -> None:
    maximum = info.context.limits.max_page_size
    if not 1 <= limit <= maximum:
        raise BadFilterError(f"`limit` must be between 1 and {maximum}, not {limit}")


def _check_at_least_one(name: str, value: int) -> None:
    if value < 1:
        raise BadFilterError(f"`{name}` must be 1 or more, not {value}")


async def _council_uid(info: Info, council: str | None) -> str | None:
    """The uid of the council a filter names (name or ONS code); `NotFoundError` if none."""
    if council is None:
        return None
    if not council.strip():
        raise BadFilterError("`council` is empty: leave it out for every council")
    record = await info.context.repository.resolve_council(council.strip())
    info.context.loaders.prime_nodes([record])
    return record.uid


CouncilArg = Annotated[
    str | None,
    strawberry.argument(description="Only this council (its name or ONS code)."),
]
LimitArg = Annotated[
    int, strawberry.argument(description="How many to return at most (up to the server's page size).")
]


# ---------------------------------------------------------------------------- the fields


@strawberry.type(description="The analytics fields of the root Query.")
class AnalyticsQuery:
    @field(
        description="Boards by the actions they answer for (owned, or inherited from monitoring the plan), the "
        "actions in the plans they monitor, or how many paths of the governance network run through them "
        "(betweenness). Computed over every board, plan and action; `council` keeps that council's boards.",
        cost=_RANKING_COST,
    )
    async def board_ranking(
        self,
        info: Info,
        council: CouncilArg = None,
        order_by: BoardOrder = BoardOrder.ACTIONS,
        limit: LimitArg = DEFAULT_LIMIT,
    ) -> list[BoardStanding]:
        _check_limit(info, limit)
        council_uid = await _council_uid(info, council)
        standings = await _standings(info)
        if council_uid is not None:
            standings = [s for s in standings if council_uid in s.councils]
        ranked = ar.ranked_boards(standings, ar.BoardOrder(order_by.value))
        return [board_standing_from_record(s) for s in ranked[:limit]]

    @field(
        description="Councils and the statistical neighbours (from the gazetteer) with which they share themes: "
        "both councils' inspections raised findings or recommendations on the theme. The pairs sharing the "
        "most themes first.",
        cost=_RANKING_COST,
    )
    async def shared_neighbour_themes(
        self,
        info: Info,
        council: CouncilArg = None,
        min_shared_themes: Annotated[
            int, strawberry.argument(description="The fewest themes a council and its neighbour must share.")
        ] = 1,
        min_inspections: Annotated[
            int,
            strawberry.argument(
                description="A theme counts for a council when at least this many of its inspections raised "
                "it: 2 keeps the themes that recur within each council over time."
            ),
        ] = 1,
        limit: LimitArg = DEFAULT_LIMIT,
    ) -> list[NeighbourThemes]:
        _check_limit(info, limit)
        _check_at_least_one("minSharedThemes", min_shared_themes)
        _check_at_least_one("minInspections", min_inspections)
        council_uid = await _council_uid(info, council)
        projection = await _theme_projection(info)
        pairs = await asyncio.to_thread(_pairs, projection, council_uid, min_inspections, min_shared_themes)
        return [neighbour_themes_from_record(p) for p in pairs[:limit]]


def _pairs(
    projection: nx.MultiDiGraph, council_uid: str | None, min_inspections: int, min_shared: int
) -> list[ga.NeighbourThemes]:
    pairs = ar.neighbour_theme_pairs(
        projection, _neighbours(), min_inspections=min_inspections, min_shared=min_shared
    )
    return [p for p in pairs if council_uid is None or p.council == council_uid]
