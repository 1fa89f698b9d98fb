"""GraphQL errors: clear ones for what the analyst can act on, masked ones for the rest.

The project's own user-facing errors (`schema.errors.QueryError` and its children, and
`DatabaseUnavailableError`) keep their message and gain an `extensions.code`. GraphQL's
own errors (syntax, validation, variables) pass unchanged. Anything else raised while
resolving is a fault of the server: it is logged with its traceback and the client
sees only "Internal server error" with the code `INTERNAL_SERVER_ERROR`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from graphql import GraphQLError
from strawberry.extensions import MaskErrors

from schema.errors import (
    BadFilterError,
    DatabaseUnavailableError,
    NotFoundError,
    OfstedKGError,
    QueryError,
    QueryTooExpensiveError,
)

logger = logging.getLogger("api.graphql")

NOT_FOUND = "NOT_FOUND"
BAD_USER_INPUT = "BAD_USER_INPUT"
QUERY_TOO_EXPENSIVE = "QUERY_TOO_EXPENSIVE"
DATABASE_UNAVAILABLE = "DATABASE_UNAVAILABLE"
INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"

INTERNAL_MESSAGE = "Internal server error: it has been logged."

# Most specific first: the first class an error is an instance of gives its code.
_CODES: tuple[tuple[type[OfstedKGError], str], ...] = (
    (NotFoundError, NOT_FOUND),
    (BadFilterError, BAD_USER_INPUT),
    (QueryTooExpensiveError, QUERY_TOO_EXPENSIVE),
    (QueryError, BAD_USER_INPUT),
    (DatabaseUnavailableError, DATABASE_UNAVAILABLE),
)
USER_FACING: tuple[type[OfstedKGError], ...] = (QueryError, DatabaseUnavailableError)


def error_code(exc: BaseException) -> str | None:
    """The `extensions.code` of a user-facing exception, or None for any other."""
    for cls, code in _CODES:
        if isinstance(exc, cls):
            return code
    return None


def is_internal(error: GraphQLError) -> bool:
    """True for errors the client must not see the detail of.

    GraphQL's own errors have no original error, or (for variables that do not coerce)
    a `ValueError`/`TypeError` and no path; the project's user-facing errors are safe.
    Everything else raised under a field, or by the machinery, is internal.
    """
    original = error.original_error
    if original is None or isinstance(original, (*USER_FACING, GraphQLError)):
        return False
    return error.path is not None or not isinstance(original, ValueError | TypeError)


def annotate_errors(errors: Sequence[GraphQLError]) -> None:
    """Give user-facing errors their code, and log internal ones with their traceback."""
    for error in errors:
        original = error.original_error
        if original is None:
            continue
        code = error_code(original)
        if code is not None:
            error.extensions = {**(error.extensions or {}), "code": code}
        elif is_internal(error):
            logger.error(
                "internal error at %s: %s",
                ".".join(str(p) for p in error.path or ()) or "(operation)",
                original,
                exc_info=(type(original), original, original.__traceback__),
            )


class MaskInternalErrors(MaskErrors):
    """strawberry's `MaskErrors` for internal errors only, with a code on the masked error."""

    def __init__(self) -> None:
        super().__init__(should_mask_error=is_internal, error_message=INTERNAL_MESSAGE)

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        masked = super().anonymise_error(error)
        masked.extensions = {"code": INTERNAL_SERVER_ERROR}
        return masked
