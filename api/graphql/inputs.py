"""The arguments analysts filter and sort lists with.

Each list has its own filter input, holding only the filters that mean something for
it; all of them turn into the repository's `Filters`. Councils are named by their short
name, official name (any case) or ONS code; themes and boards by name or id.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

import strawberry

from api.graphql.types import (
    BoardKind,
    DocumentKind,
    Framework,
    IsoDate,
    Judgement,
    Ownership,
    PersonKind,
    Polarity,
    RecurrenceBasis,
)
from graph import repository as repo
from schema.errors import BadFilterError


@strawberry.enum(description="How the words of a text search are combined.")
class SearchMode(Enum):
    ANY_WORDS = "any_words"
    ALL_WORDS = "all_words"
    PHRASE = "phrase"
    LUCENE = "lucene"


@strawberry.enum(description="What a list is sorted by.")
class SortField(Enum):
    DATE = "date"
    NAME = "name"
    RECURRENCE = "recurrence"
    RELEVANCE = "relevance"


@strawberry.enum(description="Which way a sort goes.")
class SortDirection(Enum):
    ASC = "asc"
    DESC = "desc"


@strawberry.input(
    description="A sort. DATE, RECURRENCE and RELEVANCE descend by default (most recent, most recurrent, best "
    "match first); NAME ascends. RECURRENCE applies to themes, recommendations and findings; RELEVANCE to searches."
)
class Sort:
    field: SortField
    direction: SortDirection | None = None

    def to_order(self) -> repo.Order:
        """The repository's order."""
        descending = (
            self.direction is SortDirection.DESC
            if self.direction is not None
            else self.field is not SortField.NAME
        )
        return repo.Order(repo.SortField(self.field.value), descending)


def _check_range(date_from: IsoDate | None, date_to: IsoDate | None) -> None:
    if (
        date_from is not None
        and date_to is not None
        and date_from[: len(date_to)] > date_to[: len(date_from)]
    ):
        raise BadFilterError(f"the date range is empty: `from` {date_from} is after `to` {date_to}")


def _blank_to_none(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if not value:
        raise BadFilterError(f"`{name}` is empty: leave it out to not filter by it")
    return value


@strawberry.input(description="Filters of every list: the council and region.")
class PlaceFilter:
    council: str | None = strawberry.field(default=None, description="A council's name or ONS code.")
    region: str | None = strawberry.field(default=None, description="A region, such as `London`.")
    search: str | None = strawberry.field(default=None, description="Words to find with the full-text index.")
    search_mode: SearchMode = SearchMode.ANY_WORDS

    def to_filters(self) -> repo.Filters:
        """The repository's filters."""
        return repo.Filters(**self._fields())

    def _fields(self) -> dict[str, Any]:
        return {
            "council": _blank_to_none(self.council, "council"),
            "region": _blank_to_none(self.region, "region"),
            "text": _blank_to_none(self.search, "search"),
            "search_mode": repo.SearchMode(self.search_mode.value),
        }


@strawberry.input(description="Filters on the inspection a list's items come from.")
class InspectionScopeFilter(PlaceFilter):
    framework: Framework | None = None
    judgement: Judgement | None = strawberry.field(
        default=None, description="The inspection's overall judgement."
    )
    date_from: IsoDate | None = strawberry.field(
        default=None, name="from", description="Inspections from this date (inclusive)."
    )
    date_to: IsoDate | None = strawberry.field(
        default=None, name="to", description="Inspections up to this date."
    )
    theme: str | None = strawberry.field(default=None, description="A theme's name or id.")

    def _fields(self) -> dict[str, Any]:
        _check_range(self.date_from, self.date_to)
        return {
            **super()._fields(),
            "framework": self.framework.value if self.framework else None,
            "judgement": self.judgement.value if self.judgement else None,
            "date_from": self.date_from,
            "date_to": self.date_to,
            "theme": _blank_to_none(self.theme, "theme"),
        }


@strawberry.input(description="Filters of the council list.")
class CouncilFilter(InspectionScopeFilter):
    pass


@strawberry.input(description="Filters of the inspection list.")
class InspectionFilter(InspectionScopeFilter):
    inspection_type: str | None = strawberry.field(default=None, description="`standard` or `short`.")

    def _fields(self) -> dict[str, Any]:
        return {**super()._fields(), "kind": _blank_to_none(self.inspection_type, "inspectionType")}


@strawberry.input(description="Filters of the recommendation list.")
class RecommendationFilter(InspectionScopeFilter):
    pass


@strawberry.input(description="Filters of the finding list.")
class FindingFilter(InspectionScopeFilter):
    polarity: Polarity | None = None

    def _fields(self) -> dict[str, Any]:
        return {**super()._fields(), "polarity": self.polarity.value if self.polarity else None}


@strawberry.input(description="Filters of the action plan and action lists.")
class ActionFilter(InspectionScopeFilter):
    board: str | None = strawberry.field(
        default=None,
        description="A board's name, acronym or id: the one owning the action or monitoring its plan.",
    )
    status: str | None = None

    def _fields(self) -> dict[str, Any]:
        return {
            **super()._fields(),
            "board": _blank_to_none(self.board, "board"),
            "status": _blank_to_none(self.status, "status"),
        }


@strawberry.input(description="Filters of the theme list: themes of the inspections that pass them.")
class ThemeFilter(PlaceFilter):
    framework: Framework | None = None
    judgement: Judgement | None = None
    date_from: IsoDate | None = strawberry.field(default=None, name="from")
    date_to: IsoDate | None = strawberry.field(default=None, name="to")

    def _fields(self) -> dict[str, Any]:
        _check_range(self.date_from, self.date_to)
        return {
            **super()._fields(),
            "framework": self.framework.value if self.framework else None,
            "judgement": self.judgement.value if self.judgement else None,
            "date_from": self.date_from,
            "date_to": self.date_to,
        }


@strawberry.input(description="Filters of the board list.")
class BoardFilter(PlaceFilter):
    kind: BoardKind | None = None
    reports_to: str | None = strawberry.field(default=None, description="Boards reporting to this one.")

    def _fields(self) -> dict[str, Any]:
        return {
            **super()._fields(),
            "kind": self.kind.value if self.kind else None,
            "board": _blank_to_none(self.reports_to, "reportsTo"),
        }


@strawberry.input(description="Filters of the people list.")
class PersonFilter(PlaceFilter):
    kind: PersonKind | None = None
    board: str | None = strawberry.field(
        default=None, description="People sitting on or chairing this board."
    )

    def _fields(self) -> dict[str, Any]:
        return {
            **super()._fields(),
            "kind": self.kind.value if self.kind else None,
            "board": _blank_to_none(self.board, "board"),
        }


@strawberry.input(description="Filters of the meeting list.")
class MeetingFilter(PlaceFilter):
    board: str | None = strawberry.field(default=None, description="Meetings this board held.")
    date_from: IsoDate | None = strawberry.field(default=None, name="from")
    date_to: IsoDate | None = strawberry.field(default=None, name="to")

    def _fields(self) -> dict[str, Any]:
        _check_range(self.date_from, self.date_to)
        return {
            **super()._fields(),
            "board": _blank_to_none(self.board, "board"),
            "date_from": self.date_from,
            "date_to": self.date_to,
        }


@strawberry.input(description="Filters of the document list.")
class DocumentFilter(PlaceFilter):
    kind: DocumentKind | None = None
    date_from: IsoDate | None = strawberry.field(default=None, name="from")
    date_to: IsoDate | None = strawberry.field(default=None, name="to")

    def _fields(self) -> dict[str, Any]:
        _check_range(self.date_from, self.date_to)
        return {
            **super()._fields(),
            "kind": self.kind.value if self.kind else None,
            "date_from": self.date_from,
            "date_to": self.date_to,
        }


@strawberry.enum(description="Whether recurrence is counted across councils or within each council.")
class RecurrenceScope(Enum):
    ACROSS_COUNCILS = "across_councils"
    WITHIN_COUNCIL = "within_council"


@strawberry.input(description="What recurrence to look for.")
class RecurrenceFilter:
    council: str | None = strawberry.field(default=None, description="Only this council's inspections.")
    region: str | None = None
    framework: Framework | None = None
    judgement: Judgement | None = None
    date_from: IsoDate | None = strawberry.field(default=None, name="from")
    date_to: IsoDate | None = strawberry.field(default=None, name="to")
    theme: str | None = None
    min_inspections: int = strawberry.field(
        default=2, description="Recurring means in this many inspections or more."
    )
    scope: RecurrenceScope = strawberry.field(
        default=RecurrenceScope.ACROSS_COUNCILS,
        description="ACROSS_COUNCILS: one group per theme or cluster; WITHIN_COUNCIL: one per council as well.",
    )
    basis: list[RecurrenceBasis] = strawberry.field(
        default_factory=lambda: [RecurrenceBasis.THEME, RecurrenceBasis.SIMILAR_WORDING],
        description="Group by theme, by clusters of close wording (SIMILAR_TO), or both.",
    )

    def to_filters(self) -> repo.Filters:
        """The repository's filters."""
        _check_range(self.date_from, self.date_to)
        if self.min_inspections < 1:
            raise BadFilterError("`minInspections` must be at least 1")
        if not self.basis:
            raise BadFilterError("`basis` is empty: ask for THEME, SIMILAR_WORDING or both")
        return repo.Filters(
            council=_blank_to_none(self.council, "council"),
            region=_blank_to_none(self.region, "region"),
            framework=self.framework.value if self.framework else None,
            judgement=self.judgement.value if self.judgement else None,
            date_from=self.date_from,
            date_to=self.date_to,
            theme=_blank_to_none(self.theme, "theme"),
        )


@strawberry.input(description="Which actions to report the ownership of.")
class OwnershipFilter(ActionFilter):
    ownership: Ownership | None = strawberry.field(
        default=None, description="Only actions owned in this way."
    )
