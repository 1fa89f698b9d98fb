"""The one settings class, read from the environment at the edges (CLI, app, tests).

Neo4j connection settings use the ecosystem's names: `NEO4J_URI`, `NEO4J_USERNAME`,
`NEO4J_PASSWORD`, `NEO4J_DATABASE`. When `NEO4J_URI` is unset the project runs its own
local Neo4j, configured by the `OFSTED_KG_*` settings below. Library code never reads
settings itself: it takes plain arguments.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Every setting of the project, with its environment variable."""

    model_config = SettingsConfigDict(env_prefix="OFSTED_KG_", extra="ignore")

    # A configured Neo4j server: when set, nothing local starts.
    neo4j_uri: str | None = Field(default=None, validation_alias=AliasChoices("NEO4J_URI"))
    neo4j_username: str = Field(
        default="neo4j", validation_alias=AliasChoices("NEO4J_USERNAME", "NEO4J_USER")
    )
    neo4j_password: str | None = Field(default=None, validation_alias=AliasChoices("NEO4J_PASSWORD"))
    neo4j_database: str = Field(default="neo4j", validation_alias=AliasChoices("NEO4J_DATABASE"))

    # The local Neo4j.
    server_dir: Path = PROJECT_ROOT / "graph" / "server"
    jars_dir: Path = PROJECT_ROOT / "graph" / "server" / "lib"
    home_dir: Path = PROJECT_ROOT / "graph" / "server" / "home"
    bolt_host: str = "127.0.0.1"
    bolt_port: int = 7687
    http_port: int = 7474
    heap: str = "1g"
    pagecache: str = "256m"
    start_timeout: float = 120.0
    # Authentication of the local server: off by default, as it listens on loopback only.
    local_auth: bool = False
    local_password: str | None = None
    java: str = "java"
    maven: str = "mvn"

    # The API.
    api_host: str = "127.0.0.1"
    api_port: int = 8000
    graphiql: bool = True
    introspection: bool = True
    cors_origins: list[str] = Field(default_factory=list)
    embed_origins: list[str] = Field(default_factory=lambda: ["*"])
    max_page_size: int = 100
    max_depth: int = 10
    max_aliases: int = 15
    max_tokens: int = 2000
    max_cost: int = 5000
    transaction_timeout: float = 10.0

    @property
    def uses_local_server(self) -> bool:
        """True when no `NEO4J_URI` is configured, so the project's own Neo4j is used."""
        return not self.neo4j_uri

    @property
    def bolt_uri(self) -> str:
        """The Bolt URI to connect to: the configured server's, or the local one's."""
        return self.neo4j_uri or f"bolt://{self.bolt_host}:{self.bolt_port}"

    @property
    def browser_url(self) -> str:
        """Where the local Neo4j Browser is served."""
        return f"http://{self.bolt_host}:{self.http_port}/browser/"

    def auth(self) -> tuple[str, str] | None:
        """Credentials for the driver, or None when the server has authentication off."""
        if self.neo4j_uri:
            return (self.neo4j_username, self.neo4j_password or "")
        if self.local_auth:
            return ("neo4j", self.local_password or "")
        return None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings, read once per process."""
    return Settings()
