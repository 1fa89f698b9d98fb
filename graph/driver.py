"""Opening the Neo4j driver: one per process, at the edge, checked before it is handed out.

`open_driver` and `open_async_driver` connect to a given URI and fail early, with a message
a person can act on, when the server is unreachable or refuses the credentials.
`driver_from_settings` and `async_driver_from_settings` decide which server that is: the one
`NEO4J_URI` names (bolt://, neo4j:// for routing, neo4j+s:// for Aura), or else the
project's local server, which they start when asked to.

    with driver_from_settings(get_settings(), start_local=True) as driver:
        driver.execute_query("RETURN 1")
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from neo4j import AsyncDriver, AsyncGraphDatabase, Driver, GraphDatabase
from neo4j.exceptions import AuthError, ClientError, DriverError, Neo4jError, ServiceUnavailable
from neo4j.exceptions import ConfigurationError as DriverConfigurationError

from graph import local_server
from schema.errors import ConfigurationError, DatabaseUnavailableError

if TYPE_CHECKING:
    from api.settings import Settings

# Checks the database exists and answers a query, which verify_connectivity alone does not.
PING = "RETURN 1 AS ok"

CONFIGURED_CREDENTIALS_HINT = "check NEO4J_USERNAME and NEO4J_PASSWORD"
LOCAL_CREDENTIALS_HINT = (
    "check OFSTED_KG_LOCAL_PASSWORD, which sets the password of user neo4j only when "
    "authentication is first turned on"
)

Auth = tuple[str, str] | None

# One server, routing, and each with certificate checks (+s) or self-signed certificates (+ssc).
BOLT_SCHEMES = frozenset({"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"})


# Queries name labels and types that an empty or young graph does not have yet; the
# server's notifications about them are noise to a user, so they are not requested.


def open_driver(
    uri: str,
    auth: Auth,
    database: str = "neo4j",
    *,
    connection_timeout: float = 10.0,
    credentials_hint: str = CONFIGURED_CREDENTIALS_HINT,
) -> Driver:
    """Open a driver to the Neo4j at `uri` and check that `database` answers.

    Args:
        uri: bolt://host:port for one server, neo4j://host:port with routing, or
            neo4j+s://... for Aura and other encrypted servers.
        auth: (user, password), or None for a server with authentication off.
        database: the database a query must reach for the server to count as available.
        connection_timeout: seconds to wait for a connection.
        credentials_hint: what the error tells the user to check when the credentials are refused.

    Raises:
        DatabaseUnavailableError: unreachable, credentials refused, or no such database.
        ConfigurationError: the URI or the credentials cannot be used at all.
    """
    _check_scheme(uri)
    try:
        driver = GraphDatabase.driver(
            uri, auth=auth, connection_timeout=connection_timeout, notifications_min_severity="OFF"
        )
    except (DriverConfigurationError, ValueError) as error:
        raise _unusable_uri(uri, error) from error
    try:
        driver.verify_connectivity()
        driver.execute_query(PING, database_=database, routing_="r")
    except (DriverError, Neo4jError, OSError) as error:
        driver.close()
        raise _unavailable(uri, database, error, credentials_hint) from error
    return driver


async def open_async_driver(
    uri: str,
    auth: Auth,
    database: str = "neo4j",
    *,
    connection_timeout: float = 10.0,
    credentials_hint: str = CONFIGURED_CREDENTIALS_HINT,
) -> AsyncDriver:
    """The asynchronous twin of `open_driver`, for the API; same arguments and errors."""
    _check_scheme(uri)
    try:
        driver = AsyncGraphDatabase.driver(
            uri, auth=auth, connection_timeout=connection_timeout, notifications_min_severity="OFF"
        )
    except (DriverConfigurationError, ValueError) as error:
        raise _unusable_uri(uri, error) from error
    try:
        await driver.verify_connectivity()
        await driver.execute_query(PING, database_=database, routing_="r")
    except (DriverError, Neo4jError, OSError) as error:
        await driver.close()
        raise _unavailable(uri, database, error, credentials_hint) from error
    return driver


def driver_from_settings(settings: Settings, *, start_local: bool) -> Driver:
    """Open a driver to the server the settings name.

    With `NEO4J_URI` set, that server is used and nothing local starts. Otherwise the
    project's local server is used: started first (jars fetched if needed) when
    `start_local` is True, required to be running already when it is False.

    Raises:
        DatabaseUnavailableError: the server is unreachable, refuses the credentials, or
            (with start_local False) the local server is not running.
        LocalServerError: the local server could not be started (a subclass says why).
    """
    if settings.neo4j_uri:
        return open_driver(settings.neo4j_uri, settings.auth(), settings.neo4j_database)
    config = _ensure_local_server(settings, start_local=start_local)
    return open_driver(
        config.bolt_uri,
        config.credentials,
        settings.neo4j_database,
        credentials_hint=LOCAL_CREDENTIALS_HINT,
    )


async def async_driver_from_settings(settings: Settings, *, start_local: bool) -> AsyncDriver:
    """The asynchronous twin of `driver_from_settings`, for the API's lifespan."""
    if settings.neo4j_uri:
        return await open_async_driver(settings.neo4j_uri, settings.auth(), settings.neo4j_database)
    # Starting waits on a subprocess and polls for seconds: keep it off the event loop.
    config = await asyncio.to_thread(_ensure_local_server, settings, start_local=start_local)
    return await open_async_driver(
        config.bolt_uri,
        config.credentials,
        settings.neo4j_database,
        credentials_hint=LOCAL_CREDENTIALS_HINT,
    )


def _ensure_local_server(settings: Settings, *, start_local: bool) -> local_server.LocalServerConfig:
    config = local_server.config_from_settings(settings)
    if start_local:
        local_server.start(config)
    elif not local_server.is_running(config):
        raise DatabaseUnavailableError(
            f"The local Neo4j is not running at {config.bolt_uri}; start it with `ofsted-kg neo4j start`, "
            "or set NEO4J_URI to use another server."
        )
    return config


def _check_scheme(uri: str) -> None:
    # The driver also takes http:// for its preview Query API client, which needs extra
    # packages and behaves differently: the project speaks Bolt only.
    scheme = uri.partition("://")[0].lower()
    if scheme not in BOLT_SCHEMES:
        raise _unusable_uri(uri, ValueError(f"'{scheme}' is not a Bolt scheme"))


def _unusable_uri(uri: str, error: Exception) -> ConfigurationError:
    return ConfigurationError(
        f"The Neo4j URI '{uri}' cannot be used ({error}); set NEO4J_URI to a URI such as "
        "bolt://localhost:7687, neo4j://host:7687 or neo4j+s://<id>.databases.neo4j.io."
    )


def _unavailable(
    uri: str, database: str, error: Exception, credentials_hint: str
) -> DatabaseUnavailableError:
    refused = isinstance(error, AuthError) or (
        isinstance(error, Neo4jError)
        and error.code
        in ("Neo.ClientError.Security.Unauthorized", "Neo.ClientError.Security.AuthenticationRateLimit")
    )
    if refused:
        return DatabaseUnavailableError(f"Neo4j at {uri} refused the credentials; {credentials_hint}.")
    if isinstance(error, ClientError) and error.code == "Neo.ClientError.Database.DatabaseNotFound":
        return DatabaseUnavailableError(
            f"Neo4j at {uri} has no database named '{database}'; check NEO4J_DATABASE."
        )
    if isinstance(error, ServiceUnavailable | OSError):
        return DatabaseUnavailableError(
            f"Neo4j at {uri} is unreachable; start the local server with `ofsted-kg neo4j start`, "
            "or check NEO4J_URI."
        )
    return DatabaseUnavailableError(
        f"Neo4j at {uri} did not accept a connection ({type(error).__name__}: {error}); "
        "check that the server is healthy and that NEO4J_URI names it."
    )
