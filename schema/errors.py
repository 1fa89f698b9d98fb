"""The project's exceptions: one root, translated to HTTP or GraphQL errors only at the edge.

OfstedKGError
├── ConfigurationError          a setting is missing or wrong
├── LocalServerError            the local Neo4j cannot be fetched, started or stopped
│   ├── JavaNotFoundError
│   ├── JarFetchError
│   ├── PortInUseError
│   └── StartTimeoutError
├── DatabaseUnavailableError    the configured Neo4j is unreachable or refuses the credentials
├── DocumentError               one input document cannot be read (named in the message)
│   ├── EmptyDocumentError
│   ├── UnsupportedDocumentError
│   └── CorruptDocumentError
├── ValidationError             an extracted graph breaks the vocabulary
└── QueryError                  an analyst's query is wrong: unknown id, bad filter, too expensive
    ├── NotFoundError
    ├── BadFilterError
    └── QueryTooExpensiveError
"""

from __future__ import annotations


class OfstedKGError(Exception):
    """Root of every error the project raises on purpose; its message is for people."""


class ConfigurationError(OfstedKGError):
    """A setting is missing or has a value that cannot work."""


class LocalServerError(OfstedKGError):
    """The local Neo4j could not be fetched, started, reached or stopped."""


class JavaNotFoundError(LocalServerError):
    """No usable Java runtime."""


class JarFetchError(LocalServerError):
    """Maven could not fetch the Neo4j jars."""


class PortInUseError(LocalServerError):
    """Another program listens on a port the local Neo4j needs."""


class StartTimeoutError(LocalServerError):
    """The local Neo4j did not answer within its start timeout."""


class DatabaseUnavailableError(OfstedKGError):
    """The Neo4j server is unreachable, or refuses the credentials."""


class DocumentError(OfstedKGError):
    """One input document cannot be read; the message names it and the problem."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class EmptyDocumentError(DocumentError):
    """The document has no text."""


class UnsupportedDocumentError(DocumentError):
    """The document's format is not one the project reads."""


class CorruptDocumentError(DocumentError):
    """The document is truncated, encrypted, binary or otherwise unreadable."""


class ValidationError(OfstedKGError):
    """An extracted graph breaks the vocabulary."""


class QueryError(OfstedKGError):
    """An analyst's query cannot be answered as asked; the message says why."""


class NotFoundError(QueryError):
    """No entity has the given id."""


class BadFilterError(QueryError):
    """A filter or argument has a value that cannot be used."""


class QueryTooExpensiveError(QueryError):
    """The query would cost more than the server allows."""
