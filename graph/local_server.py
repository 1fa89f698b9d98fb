"""The project's own Neo4j: fetch its jars, start it, report on it and stop it.

The server is `graph/server/Launcher.java` run by a detached JVM on jars that Maven fetches
into `graph/server/lib` (see `graph/server/pom.xml`). Everything it writes stays in one
home folder:

    <home>/data/            the store, kept across restarts
    <home>/logs/            Neo4j's own logs (debug.log)
    <home>/server.log       the JVM's standard output and error, for start-up failures
    <home>/neo4j.pid        the JVM's process id while it runs
    <home>/neo4j.ready      written by the launcher once the database answers

Library code: every function takes a `LocalServerConfig`; `config_from_settings` builds
one from the project's settings at the edge.

    config = config_from_settings(get_settings())
    fetch_jars(config)
    print(start(config).bolt_uri)
    stop(config)
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from neo4j import Driver, GraphDatabase
from neo4j.exceptions import DriverError, Neo4jError

from schema.errors import (
    ConfigurationError,
    JarFetchError,
    JavaNotFoundError,
    LocalServerError,
    PortInUseError,
    StartTimeoutError,
)

if TYPE_CHECKING:
    from api.settings import Settings

SERVER_DIR = Path(__file__).resolve().parent / "server"
MINIMUM_JAVA = 17
# Neo4j's own rule for a password; checked here so a short one fails before the JVM starts.
MINIMUM_PASSWORD_LENGTH = 8
PASSWORD_VARIABLE = "OFSTED_KG_LOCAL_PASSWORD"

# The flags Neo4j 5.26's neo4j.conf gives its JVM. -XX:+TrustFinalNonStaticFields is left
# out on purpose: the same file warns against it when Neo4j is embedded.
NEO4J_JVM_FLAGS = (
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-XX:+UseG1GC",
)

# Jars whose absence means Maven has not fetched (all of) the server yet.
REQUIRED_JARS = ("neo4j-[0-9]*.jar", "neo4j-bolt-*.jar", "neo4j-server-*.jar", "neo4j-browser-*.jar")

COUNT_NODES = "MATCH (n) RETURN count(n) AS count"
COUNT_RELATIONSHIPS = "MATCH ()-[r]->() RETURN count(r) AS count"

_LOG_TAIL_LINES = 20
_POLL_SECONDS = 0.2


@dataclass(frozen=True)
class LocalServerConfig:
    """Where and how the local Neo4j runs; every field has the meaning of its setting."""

    home_dir: Path
    jars_dir: Path
    server_dir: Path = SERVER_DIR
    host: str = "127.0.0.1"
    bolt_port: int = 7687
    http_port: int = 7474
    heap: str = "1g"
    pagecache: str = "256m"
    # A Neo4j duration such as "30s"; "0" lets transactions run as long as they need.
    transaction_timeout: str = "0"
    start_timeout: float = 120.0
    stop_timeout: float = 60.0
    auth: bool = False
    password: str | None = None
    database: str = "neo4j"
    java: str = "java"
    maven: str = "mvn"
    # Extra Maven arguments, e.g. ("-s", "settings.xml") for a mirror or proxy.
    maven_args: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # The JVM runs with the home folder as its working directory, and the pid check
        # compares command lines: both need the folders as absolute paths.
        for name in ("home_dir", "jars_dir", "server_dir"):
            object.__setattr__(self, name, Path(getattr(self, name)).expanduser().absolute())

    @property
    def bolt_uri(self) -> str:
        """The Bolt URI drivers connect to."""
        return f"bolt://{self.host}:{self.bolt_port}"

    @property
    def browser_url(self) -> str:
        """Where the Neo4j Browser is served."""
        return f"http://{self.host}:{self.http_port}/browser/"

    @property
    def credentials(self) -> tuple[str, str] | None:
        """What a driver must present: None when authentication is off."""
        return ("neo4j", self.password or "") if self.auth else None

    @property
    def pid_file(self) -> Path:
        """The JVM's process id while the server runs."""
        return self.home_dir / "neo4j.pid"

    @property
    def ready_file(self) -> Path:
        """Written by the launcher once the database answers."""
        return self.home_dir / "neo4j.ready"

    @property
    def log_file(self) -> Path:
        """The JVM's standard output and error."""
        return self.home_dir / "server.log"

    @property
    def data_dir(self) -> Path:
        """The store."""
        return self.home_dir / "data"


@dataclass(frozen=True)
class ServerStatus:
    """What `start`, `stop` and `status` found.

    `notes` holds anything worth telling the user besides the state itself, such as a
    stale pid file that was cleaned up.
    """

    running: bool
    bolt_uri: str
    browser_url: str
    home_dir: Path
    log_file: Path
    pid: int | None = None
    already_running: bool = False
    start_seconds: float | None = None
    store_bytes: int = 0
    nodes: int | None = None
    relationships: int | None = None
    notes: tuple[str, ...] = field(default=())


def config_from_settings(settings: Settings) -> LocalServerConfig:
    """Build the local server's configuration from the project's settings."""
    return LocalServerConfig(
        home_dir=Path(settings.home_dir),
        jars_dir=Path(settings.jars_dir),
        server_dir=Path(settings.server_dir),
        host=settings.bolt_host,
        bolt_port=settings.bolt_port,
        http_port=settings.http_port,
        heap=settings.heap,
        pagecache=settings.pagecache,
        start_timeout=settings.start_timeout,
        auth=settings.local_auth,
        password=settings.local_password,
        database=settings.neo4j_database,
        java=settings.java,
        maven=settings.maven,
    )


def java_version(java: str) -> int:
    """The major version of the given Java runtime, e.g. 17.

    Raises JavaNotFoundError when it cannot be run or is older than Java 17.
    """
    try:
        completed = subprocess.run(
            [java, "-version"], capture_output=True, text=True, timeout=60, check=False
        )
    except (FileNotFoundError, PermissionError, NotADirectoryError) as error:
        raise JavaNotFoundError(
            f"Java was not found at '{java}'; install Java {MINIMUM_JAVA} or later, "
            "or set OFSTED_KG_JAVA to the path of its `java` program."
        ) from error
    except subprocess.TimeoutExpired as error:
        raise JavaNotFoundError(
            f"'{java} -version' did not answer within a minute; check that Java works, "
            "or set OFSTED_KG_JAVA to another Java."
        ) from error
    # `java -version` writes to standard error: 'openjdk version "17.0.15"' or '"1.8.0_292"'.
    match = re.search(r'version "(\d+)(?:\.(\d+))?', completed.stderr + completed.stdout)
    if completed.returncode != 0 or match is None:
        raise JavaNotFoundError(
            f"'{java} -version' failed or printed no version; check that Java {MINIMUM_JAVA} or later "
            "works there, or set OFSTED_KG_JAVA to another Java."
        )
    major = int(match.group(1))
    if major == 1 and match.group(2):
        major = int(match.group(2))
    if major < MINIMUM_JAVA:
        raise JavaNotFoundError(
            f"'{java}' is Java {major} but Neo4j 5.26 needs Java {MINIMUM_JAVA} or later; "
            "install it, or set OFSTED_KG_JAVA to its `java` program."
        )
    return major


def jars_present(config: LocalServerConfig) -> bool:
    """True when the jars folder holds the server and the Browser."""
    return all(any(config.jars_dir.glob(pattern)) for pattern in REQUIRED_JARS)


def fetch_jars(config: LocalServerConfig) -> bool:
    """Fetch the Neo4j and Browser jars with Maven, only when they are missing.

    Returns True when Maven ran, False when the jars were already there. Raises
    JavaNotFoundError without a usable Java, and JarFetchError when Maven is missing or fails
    (with Maven's last lines of output in the message).
    """
    if jars_present(config):
        return False
    java_version(config.java)
    pom = config.server_dir / "pom.xml"
    command = [
        config.maven,
        "-q",
        "-B",
        "-f",
        str(pom),
        *config.maven_args,
        f"-Dofstedkg.jars={config.jars_dir}",
        # The plugin's full name rather than the `dependency:` prefix: when the plugin cannot
        # be downloaded, Maven then says so instead of "no plugin found for prefix".
        "org.apache.maven.plugins:maven-dependency-plugin:copy-dependencies",
    ]
    env = dict(os.environ)
    # Maven finds Java through JAVA_HOME; point it at the configured one, which may differ
    # from the one first on the PATH.
    java_home = _java_home(config.java)
    if java_home is not None:
        env["JAVA_HOME"] = str(java_home)
    try:
        completed = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    except (FileNotFoundError, PermissionError, NotADirectoryError) as error:
        raise JarFetchError(
            f"Maven was not found at '{config.maven}', and it is needed once to fetch Neo4j's jars; "
            "install Maven, or set OFSTED_KG_MAVEN to the path of its `mvn` program."
        ) from error
    if completed.returncode != 0 or not jars_present(config):
        tail = [
            line for line in _tail_lines(completed.stdout + completed.stderr) if not _maven_boilerplate(line)
        ]
        raise JarFetchError(
            f"Maven could not fetch the Neo4j jars into {config.jars_dir}; check the network "
            "connection (or Maven's proxy and mirror settings) and run `ofsted-kg neo4j start` again."
            + _format_tail("Maven's last output", tail)
        )
    return True


def start(config: LocalServerConfig) -> ServerStatus:
    """Start the local Neo4j, or find the one already running, and wait until it answers.

    Returns the status with `already_running` set when a server of this home folder was
    running already. Raises ConfigurationError for settings that cannot work,
    JavaNotFoundError, JarFetchError, PortInUseError when another program holds a port,
    StartTimeoutError when the database does not answer within `start_timeout` seconds, and
    LocalServerError when the JVM stops during start-up; the last two carry the log's tail.
    """
    _validate(config)
    config.home_dir.mkdir(parents=True, exist_ok=True)
    with _home_lock(config):
        notes: list[str] = []
        pid = _read_pid(config.pid_file)
        if pid is not None and _is_our_server(pid, config):
            return _attach_to_running(config, pid)
        notes.extend(_clean_stale_files(config, pid))

        java_version(config.java)
        fetch_jars(config)
        for port, role, setting in (
            (config.bolt_port, "Bolt", "OFSTED_KG_BOLT_PORT"),
            (config.http_port, "HTTP", "OFSTED_KG_HTTP_PORT"),
        ):
            _ensure_port_free(config.host, port, role, setting)

        started_at = time.monotonic()
        pid = _spawn(config)
        _wait_until_ready(config, pid, started_at)
        return _status(config, pid, start_seconds=time.monotonic() - started_at, notes=tuple(notes))


def stop(config: LocalServerConfig) -> ServerStatus:
    """Stop the local Neo4j cleanly: SIGTERM, then SIGKILL only after `stop_timeout` seconds.

    Returns the status after stopping, with a note saying what happened; stopping a server
    that is not running is not an error.
    """
    if not config.home_dir.is_dir():
        return _stopped_status(config, ("No local Neo4j was running.",))
    with _home_lock(config):
        pid = _read_pid(config.pid_file)
        if pid is None or not _is_our_server(pid, config):
            notes = _clean_stale_files(config, pid) or ["No local Neo4j was running."]
            return _stopped_status(config, tuple(notes))
        began = time.monotonic()
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        if _wait_for_exit(pid, config.stop_timeout):
            note = f"Stopped the local Neo4j (pid {pid}) in {time.monotonic() - began:.1f} s."
        else:
            # The store may need recovery at the next start, which Neo4j does by itself.
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            _wait_for_exit(pid, 10.0)
            note = (
                f"The local Neo4j (pid {pid}) did not stop within {config.stop_timeout:.0f} s and was "
                "killed; it will recover its store at the next start."
            )
        _remove(config.pid_file, config.ready_file)
        return _stopped_status(config, (note,))


def status(config: LocalServerConfig) -> ServerStatus:
    """Report whether the local Neo4j runs, where, its store size and, when it runs, its counts."""
    pid = _read_pid(config.pid_file)
    notes: list[str] = []
    if pid is not None and _is_our_server(pid, config):
        if bolt_answers(config.host, config.bolt_port):
            return _status(config, pid)
        state = "is still starting" if not config.ready_file.exists() else "does not answer on Bolt"
        notes.append(f"The local Neo4j (pid {pid}) {state}; see {config.log_file}.")
        return ServerStatus(
            running=False,
            bolt_uri=config.bolt_uri,
            browser_url=config.browser_url,
            home_dir=config.home_dir,
            log_file=config.log_file,
            pid=pid,
            store_bytes=_store_bytes(config.data_dir),
            notes=tuple(notes),
        )
    if pid is not None:
        notes.append(f"A stale pid file names pid {pid}, which is not running; `start` will remove it.")
    return ServerStatus(
        running=False,
        bolt_uri=config.bolt_uri,
        browser_url=config.browser_url,
        home_dir=config.home_dir,
        log_file=config.log_file,
        store_bytes=_store_bytes(config.data_dir),
        notes=tuple(notes),
    )


def is_running(config: LocalServerConfig) -> bool:
    """True when this home folder's server runs and answers on Bolt."""
    pid = _read_pid(config.pid_file)
    return pid is not None and _is_our_server(pid, config) and bolt_answers(config.host, config.bolt_port)


def count_graph(driver: Driver, database: str) -> tuple[int, int]:
    """The numbers of nodes and relationships in a database (read from Neo4j's count store)."""
    nodes, _, _ = driver.execute_query(COUNT_NODES, database_=database, routing_="r")
    relationships, _, _ = driver.execute_query(COUNT_RELATIONSHIPS, database_=database, routing_="r")
    return int(nodes[0]["count"]), int(relationships[0]["count"])


def bolt_answers(host: str, port: int, timeout: float = 1.0) -> bool:
    """True when something on host:port completes a Bolt handshake.

    Cheaper than a driver and needs no credentials, so it tells "a Neo4j listens here"
    apart from "some other program listens here" before any login.
    """
    # The Bolt preamble, then four version proposals: 5.0 to 5.4, 4.4, and two empty slots.
    handshake = bytes.fromhex("6060B017 00040405 00000404 00000000 00000000")
    try:
        with socket.create_connection((host, port), timeout=timeout) as connection:
            connection.sendall(handshake)
            reply = b""
            while len(reply) < 4:
                chunk = connection.recv(4 - len(reply))
                if not chunk:
                    return False
                reply += chunk
    except OSError:
        return False
    return reply != b"\x00\x00\x00\x00"


def program_on_port(port: int) -> str | None:
    """Name the program listening on a TCP port, e.g. "python3 (pid 1234)", when findable.

    Reads /proc on Linux and asks `lsof` elsewhere; programs of other users usually stay
    hidden, hence None.
    """
    found = _program_on_port_from_proc(port)
    return found if found is not None else _program_on_port_from_lsof(port)


def _validate(config: LocalServerConfig) -> None:
    for port, setting in (
        (config.bolt_port, "OFSTED_KG_BOLT_PORT"),
        (config.http_port, "OFSTED_KG_HTTP_PORT"),
    ):
        if not 0 < port < 65536:
            raise ConfigurationError(f"{setting} is {port}, which is not a port; set it between 1 and 65535.")
    if config.bolt_port == config.http_port:
        raise ConfigurationError(
            f"The Bolt and HTTP ports are both {config.bolt_port}; "
            "set OFSTED_KG_BOLT_PORT and OFSTED_KG_HTTP_PORT to different ports."
        )
    if config.auth:
        if not config.password:
            raise ConfigurationError(
                "OFSTED_KG_LOCAL_AUTH is on but no password is set; set OFSTED_KG_LOCAL_PASSWORD "
                "(the password of user neo4j) or turn authentication off."
            )
        if len(config.password) < MINIMUM_PASSWORD_LENGTH:
            raise ConfigurationError(
                f"OFSTED_KG_LOCAL_PASSWORD is shorter than Neo4j's minimum of "
                f"{MINIMUM_PASSWORD_LENGTH} characters; choose a longer one."
            )


@contextlib.contextmanager
def _home_lock(config: LocalServerConfig) -> Iterator[None]:
    # Two `start`s at once (the CLI and a test session, say) must not both spawn a JVM.
    with (config.home_dir / ".launcher.lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _attach_to_running(config: LocalServerConfig, pid: int) -> ServerStatus:
    if not config.ready_file.exists():
        # Another `start` launched it and it is still coming up: wait for it like that one does.
        _wait_until_ready(config, pid, time.monotonic())
    elif not bolt_answers(config.host, config.bolt_port, timeout=5.0):
        raise LocalServerError(
            f"A local Neo4j (pid {pid}) already runs from {config.home_dir} but does not answer on "
            f"{config.host}:{config.bolt_port}; stop it with `ofsted-kg neo4j stop` and start it again."
        )
    return _status(config, pid, already_running=True)


def _clean_stale_files(config: LocalServerConfig, pid: int | None) -> list[str]:
    notes: list[str] = []
    if pid is not None:
        notes.append(
            f"Removed a stale pid file: the local Neo4j it names (pid {pid}) is no longer running, "
            "probably after a crash."
        )
    elif config.pid_file.exists():
        notes.append("Removed an unreadable pid file.")
    _remove(config.pid_file, config.ready_file)
    return notes


def _ensure_port_free(host: str, port: int, role: str, setting: str) -> None:
    probe = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    try:
        # SO_REUSEADDR as Neo4j itself binds, so connections lingering in TIME_WAIT after a
        # previous run do not count as "in use"; a listening program still does.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host, port))
    except OSError as error:
        holder = program_on_port(port)
        by = f" by {holder}" if holder else " by another program"
        raise PortInUseError(
            f"Port {port} ({role}) on {host} is already in use{by}; stop that program or set "
            f"{setting} to a free port."
        ) from error
    finally:
        probe.close()


def _spawn(config: LocalServerConfig) -> int:
    config.log_file.parent.mkdir(parents=True, exist_ok=True)
    if config.log_file.exists():
        # Keep one previous log: after a crash it holds the reason.
        config.log_file.replace(config.log_file.with_name(config.log_file.name + ".1"))
    java_command = [
        config.java,
        *NEO4J_JVM_FLAGS,
        f"-Xmx{config.heap}",
        f"-Xms{config.heap}",
        "-cp",
        # The JVM expands the wildcard itself; no shell is involved.
        str(config.jars_dir / "*"),
        str(config.server_dir / "Launcher.java"),
        f"--home={config.home_dir}",
        f"--host={config.host}",
        f"--bolt-port={config.bolt_port}",
        f"--http-port={config.http_port}",
        f"--pagecache={config.pagecache}",
        f"--tx-timeout={config.transaction_timeout}",
        f"--auth={'true' if config.auth else 'false'}",
        f"--pid-file={config.pid_file}",
        f"--ready-file={config.ready_file}",
    ]
    env = dict(os.environ)
    env.pop(PASSWORD_VARIABLE, None)
    if config.auth and config.password:
        # Through the environment, never the command line that `ps` shows to every user.
        env[PASSWORD_VARIABLE] = config.password
    # A shell starts the JVM in the background and exits at once, so the JVM is nobody's
    # child: it outlives this process and leaves no zombie behind in long-lived callers.
    # The new session keeps a terminal's Ctrl-C and hang-up away from it.
    script = 'log=$1; shift; "$@" >>"$log" 2>&1 </dev/null & echo $!'
    try:
        launched = subprocess.run(
            ["/bin/sh", "-c", script, "sh", str(config.log_file), *java_command],
            capture_output=True,
            text=True,
            env=env,
            cwd=config.home_dir,
            start_new_session=True,
            check=True,
            timeout=60,
        )
        pid = int(launched.stdout.strip())
    except (OSError, ValueError, subprocess.SubprocessError) as error:
        raise LocalServerError(
            f"Could not launch Java for the local Neo4j ({error}); check OFSTED_KG_JAVA and that "
            f"{config.home_dir} is writable."
        ) from error
    # The launcher writes the same file once it runs; writing it now closes the window in
    # which a second `start` or a `stop` would not see this server.
    _write_pid(config.pid_file, pid)
    return pid


def _wait_until_ready(config: LocalServerConfig, pid: int, started_at: float) -> None:
    deadline = started_at + config.start_timeout
    while True:
        if not _pid_alive(pid):
            _remove(config.pid_file, config.ready_file)
            tail = _log_tail(config.log_file)
            if any("Address already in use" in line for line in tail):
                raise PortInUseError(
                    f"The local Neo4j could not listen on {config.host}:{config.bolt_port} or "
                    f":{config.http_port} because another program took the port; free it or set "
                    "OFSTED_KG_BOLT_PORT and OFSTED_KG_HTTP_PORT to free ports."
                    + _format_tail(f"The end of {config.log_file}", tail)
                )
            raise LocalServerError(
                f"The local Neo4j stopped while starting; read {config.log_file}, fix the cause and "
                "run `ofsted-kg neo4j start` again." + _format_tail(f"The end of {config.log_file}", tail)
            )
        # The ready file comes after the initial password is set, so a driver that connects
        # once both hold does not meet a half-configured server.
        if config.ready_file.exists() and bolt_answers(config.host, config.bolt_port):
            return
        if time.monotonic() >= deadline:
            break
        time.sleep(_POLL_SECONDS)
    # Leave nothing half-started behind: the next `start` begins afresh.
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    if not _wait_for_exit(pid, config.stop_timeout):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        _wait_for_exit(pid, 10.0)
    _remove(config.pid_file, config.ready_file)
    raise StartTimeoutError(
        f"The local Neo4j did not answer on {config.bolt_uri} within {config.start_timeout:g} s and was "
        f"stopped; raise OFSTED_KG_START_TIMEOUT or read {config.log_file} for the cause."
        + _format_tail(f"The end of {config.log_file}", _log_tail(config.log_file))
    )


def _status(
    config: LocalServerConfig,
    pid: int,
    *,
    already_running: bool = False,
    start_seconds: float | None = None,
    notes: tuple[str, ...] = (),
) -> ServerStatus:
    nodes: int | None = None
    relationships: int | None = None
    try:
        with GraphDatabase.driver(config.bolt_uri, auth=config.credentials, connection_timeout=5.0) as driver:
            nodes, relationships = count_graph(driver, config.database)
    except (DriverError, Neo4jError, OSError) as error:
        notes = (*notes, f"Could not count the graph ({type(error).__name__}: {error}).")
    return ServerStatus(
        running=True,
        bolt_uri=config.bolt_uri,
        browser_url=config.browser_url,
        home_dir=config.home_dir,
        log_file=config.log_file,
        pid=pid,
        already_running=already_running,
        start_seconds=start_seconds,
        store_bytes=_store_bytes(config.data_dir),
        nodes=nodes,
        relationships=relationships,
        notes=notes,
    )


def _stopped_status(config: LocalServerConfig, notes: tuple[str, ...]) -> ServerStatus:
    return ServerStatus(
        running=False,
        bolt_uri=config.bolt_uri,
        browser_url=config.browser_url,
        home_dir=config.home_dir,
        log_file=config.log_file,
        store_bytes=_store_bytes(config.data_dir),
        notes=notes,
    )


def _read_pid(pid_file: Path) -> int | None:
    try:
        text = pid_file.read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() and int(text) > 0 else None


def _write_pid(pid_file: Path, pid: int) -> None:
    partial = pid_file.with_name(pid_file.name + ".partial")
    partial.write_text(f"{pid}\n", encoding="utf-8")
    partial.replace(pid_file)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        # It exists but belongs to someone else.
        return True
    # A zombie has exited but keeps its pid until reaped, which some container init
    # processes never do: it counts as gone, but only once its other threads have exited
    # too, because until then they still hold its sockets and files.
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
        if stat.rpartition(")")[2].split()[:1] != ["Z"]:
            return True
        return len(os.listdir(f"/proc/{pid}/task")) > 1
    except OSError:
        return not Path("/proc/self").exists() or Path(f"/proc/{pid}").exists()


def _is_our_server(pid: int, config: LocalServerConfig) -> bool:
    """True when pid is alive and is this home folder's launcher, not a reused pid."""
    if not _pid_alive(pid):
        return False
    command = _command_line(pid)
    if command is None:
        # Nothing to check against: trust the pid file rather than start a second server.
        return True
    return "Launcher.java" in command and f"--home={config.home_dir}" in command


def _command_line(pid: int) -> str | None:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except FileNotFoundError:
        raw = b""
    except OSError:
        return None
    if raw:
        return raw.replace(b"\x00", b" ").decode("utf-8", "replace")
    if Path("/proc/self").exists():
        return ""
    ps = shutil.which("ps")
    if ps is None:
        return None
    completed = subprocess.run(
        [ps, "-o", "command=", "-p", str(pid)], capture_output=True, text=True, check=False
    )
    return completed.stdout.strip() if completed.returncode == 0 else None


def _wait_for_exit(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while _pid_alive(pid):
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.1)
    return True


def _remove(*paths: Path) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def _store_bytes(data_dir: Path) -> int:
    total = 0
    for root, _, files in os.walk(data_dir):
        for name in files:
            with contextlib.suppress(OSError):
                # Blocks, not the apparent size: sparse or preallocated files would overstate it.
                total += (Path(root) / name).stat().st_blocks * 512
    return total


def _java_home(java: str) -> Path | None:
    resolved = shutil.which(java)
    if resolved is None:
        return None
    # <JAVA_HOME>/bin/java, once symbolic links such as /usr/bin/java are followed.
    home = Path(resolved).resolve().parent.parent
    return home if (home / "bin").is_dir() else None


def _log_tail(log_file: Path) -> list[str]:
    try:
        text = log_file.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return _tail_lines(text)


def _tail_lines(text: str) -> list[str]:
    lines = [line.rstrip() for line in text.splitlines() if line.strip()]
    # Maven colours its output even in batch mode on some terminals.
    return [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in lines[-_LOG_TAIL_LINES:]]


def _maven_boilerplate(line: str) -> bool:
    # Maven ends every failure with the same advice about -e, -X and wiki links.
    text = line.removeprefix("[ERROR]").strip()
    return not text or text.startswith(
        ("To see the full stack trace", "Re-run Maven", "For more information", "[Help ")
    )


def _format_tail(title: str, lines: list[str]) -> str:
    if not lines:
        return ""
    return f"\n{title}:\n" + "\n".join(f"  {line}" for line in lines)


def _program_on_port_from_proc(port: int) -> str | None:
    inodes: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            rows = Path(table).read_text(encoding="utf-8").splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            fields = row.split()
            # local_address is HEXIP:HEXPORT; state 0A is LISTEN.
            if len(fields) > 9 and fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                inodes.add(fields[9])
    if not inodes:
        return None
    targets = {f"socket:[{inode}]" for inode in inodes}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            for descriptor in (entry / "fd").iterdir():
                if os.readlink(descriptor) in targets:
                    name = (entry / "comm").read_text(encoding="utf-8").strip()
                    return f"{name} (pid {entry.name})"
        except OSError:
            continue
    return None


def _program_on_port_from_lsof(port: int) -> str | None:
    lsof = shutil.which("lsof")
    if lsof is None:
        return None
    completed = subprocess.run(
        [lsof, "-nP", f"-iTCP:{port}", "-sTCP:LISTEN", "-Fpc"],
        capture_output=True,
        text=True,
        check=False,
        timeout=10,
    )
    pid = next((line[1:] for line in completed.stdout.splitlines() if line.startswith("p")), None)
    name = next((line[1:] for line in completed.stdout.splitlines() if line.startswith("c")), None)
    if pid is None:
        return None
    return f"{name or 'a program'} (pid {pid})"
