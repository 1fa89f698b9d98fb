"""Deterministic uids for every kind of node, shared by all extractors.

A uid is `Label:part/part`, built from the node's natural key, so the same thing read
twice (from one document or two) lands on the same node. The resolve step may still
merge nodes that different documents keyed differently (an inspection one document
dates and another only names by year).
"""

from __future__ import annotations

from schema.graphdoc import make_uid, slug, text_key
from schema.vocabulary import Label


def council_uid(code: str) -> str:
    """`Council:E09000014`."""
    return make_uid(Label.COUNCIL, code)


def inspection_uid(council_code: str, framework: str | None, start_date: str | None, year: int | None) -> str:
    """`Inspection:E09000014/sif/2014-05-20`, or the year where no start date is known."""
    when = start_date or (str(year) if year else None)
    return make_uid(Label.INSPECTION, council_code, slug(framework or "unknown"), when)


def _tail(uid: str) -> str:
    return uid.split(":", 1)[1]


def recommendation_uid(inspection: str, number: int | str | None, text: str) -> str:
    """A recommendation of an inspection: by its number, and a hash of its words."""
    return make_uid(Label.RECOMMENDATION, _tail(inspection), number, text_key(text))


def finding_uid(inspection: str, text: str) -> str:
    """A finding of an inspection, by a hash of its words."""
    return make_uid(Label.FINDING, _tail(inspection), text_key(text))


def board_uid(council_code: str | None, name: str) -> str:
    """A board of a council, by its name."""
    return make_uid(Label.BOARD, council_code, slug(name))


def person_uid(council_code: str | None, name: str | None, role: str | None) -> str:
    """A person: by name within a council, or by post where no name is given."""
    if name:
        return make_uid(Label.PERSON, council_code, slug(name))
    return make_uid(Label.PERSON, council_code, "post", slug(role or "unknown"))


def action_plan_uid(council_code: str | None, title: str) -> str:
    """A council's action plan, by its title."""
    return make_uid(Label.ACTION_PLAN, council_code, slug(title)[:80])


def action_uid(plan: str | None, reference: str | None, text: str) -> str:
    """An action of a plan: by its reference where it has one, and a hash of its words."""
    return make_uid(Label.ACTION, _tail(plan) if plan else None, reference, text_key(text))


def meeting_uid(board: str | None, date: str | None, title: str | None = None) -> str:
    """A meeting of a board on a date."""
    return make_uid(Label.MEETING, _tail(board) if board else None, date, slug(title or "")[:60] or None)


def theme_uid(name: str) -> str:
    """A theme of the taxonomy."""
    return make_uid(Label.THEME, slug(name))
