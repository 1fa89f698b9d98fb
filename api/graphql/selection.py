"""What a query selects under the field being resolved, so a resolver fetches in one
query what the selection will ask for (a list's total, a group's inspections)."""

from __future__ import annotations

from collections.abc import Iterable

from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection

from api.graphql.loaders import Info


def _fields(selections: Iterable[Selection]) -> Iterable[SelectedField]:
    """The fields of a selection set, through inline fragments and fragment spreads."""
    for selection in selections:
        if isinstance(selection, SelectedField):
            yield selection
        elif isinstance(selection, InlineFragment | FragmentSpread):
            yield from _fields(selection.selections)


def selects(info: Info, *paths: tuple[str, ...]) -> bool:
    """True when the current field's selection reaches one of the paths of field names.

    selects(info, ("totalCount",))
    selects(info, ("nodes", "inspections"), ("edges", "node", "inspections"))
    """

    def reaches(selections: Iterable[Selection], path: tuple[str, ...]) -> bool:
        head, rest = path[0], path[1:]
        for field in _fields(selections):
            if field.name == head and (not rest or reaches(field.selections, rest)):
                return True
        return False

    roots = [s for field in info.selected_fields for s in field.selections]
    return any(reaches(roots, path) for path in paths)
