/*
 * The project's local Neo4j: a Community database opened in this JVM, with Bolt, the HTTP
 * server (Query API and the Neo4j Browser) and nothing else. There is no build step; Java
 * compiles this one file when it starts:
 *
 *     java <jvm flags> -cp 'graph/server/lib/*' graph/server/Launcher.java \
 *         --home=graph/server/home --bolt-port=7687 --http-port=7474
 *
 * Every option is `--name=value` on the command line, or the system property
 * `-Dofstedkg.name=value`; the command line wins. Options:
 *
 *     home        the home folder; the store lives in <home>/data    (graph/server/home)
 *     host        the address Bolt and HTTP listen on                 (127.0.0.1)
 *     bolt-port   the Bolt port                                       (7687)
 *     http-port   the HTTP port: Query API and /browser/              (7474)
 *     pagecache   the page cache, e.g. 256m or 1g                     (256m)
 *     tx-timeout  the longest a transaction may run, e.g. 30s; 0 = no limit   (0)
 *     auth        true to require a user name and password            (false)
 *     pid-file    where this JVM writes its process id                (<home>/neo4j.pid)
 *     ready-file  written once the database answers                   (<home>/neo4j.ready)
 *
 * With auth on, the password of user `neo4j` is read from the environment variable
 * OFSTED_KG_LOCAL_PASSWORD (never from the command line, which other users can read) and
 * set as the initial password: only while the user still has Neo4j's built-in default,
 * so a password changed later, in the Browser for instance, is kept.
 *
 * Once the database answers, one line starting with "READY " goes to standard output and
 * the ready file is written. SIGTERM (or Ctrl-C) shuts the store down cleanly through a
 * shutdown hook, which then removes the pid and ready files.
 */

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.SettingImpl;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.config.Setting;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;
import org.neo4j.server.configuration.ServerSettings;

public final class Launcher {

    private static final String PASSWORD_VARIABLE = "OFSTED_KG_LOCAL_PASSWORD";
    private static final String BROWSER_CONTENT_HOSTS = "guides.neo4j.com,localhost,127.0.0.1";

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parseArguments(args);
        Path home = Path.of(option(options, "home", "graph/server/home")).toAbsolutePath().normalize();
        String host = option(options, "host", "127.0.0.1");
        int boltPort = Integer.parseInt(option(options, "bolt-port", "7687"));
        int httpPort = Integer.parseInt(option(options, "http-port", "7474"));
        String pagecache = option(options, "pagecache", "256m");
        String txTimeout = option(options, "tx-timeout", "0");
        boolean auth = Boolean.parseBoolean(option(options, "auth", "false"));
        Path pidFile = Path.of(option(options, "pid-file", home.resolve("neo4j.pid").toString()));
        Path readyFile = Path.of(option(options, "ready-file", home.resolve("neo4j.ready").toString()));
        String password = System.getenv(PASSWORD_VARIABLE);

        Files.createDirectories(home);
        writeAtomically(pidFile, ProcessHandle.current().pid() + "\n");

        DatabaseManagementService service;
        try {
            DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home)
                    // The user log is the one people read: send it to standard output, which
                    // the Python side captures in the home folder's log file.
                    .setUserLogProvider(new Log4jLogProvider(System.out, Level.INFO))
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress(host, boltPort))
                    .setConfig(BoltConnector.advertised_address, new SocketAddress(advertised(host), boltPort))
                    // Loopback only, so plain bolt:// is enough and no certificates are needed.
                    .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    .setConfig(HttpConnector.enabled, true)
                    .setConfig(HttpConnector.listen_address, new SocketAddress(host, httpPort))
                    .setConfig(HttpConnector.advertised_address, new SocketAddress(advertised(host), httpPort))
                    // The Query API reaches the database through an in-process Bolt channel
                    // whose address has no default when embedded: without it the API fails.
                    .setConfig(BoltConnectorInternalSettings.local_channel_address, "ofsted-kg-local")
                    // Bolt closes after the databases have checkpointed; its default grace
                    // periods (about ten seconds in all) only slow a stop down.
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(2))
                    .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                    .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                    // Neo4j reserves 256 MB of disk per transaction log up front; a project
                    // store (and every test's throwaway home) is far smaller than that.
                    .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                    .setConfig(GraphDatabaseSettings.auth_enabled, auth)
                    // Telemetry off: nothing about this machine leaves it.
                    .setConfig(GraphDatabaseSettings.udc_enabled, false)
                    .setConfig(ServerSettings.allow_telemetry, false)
                    // The Browser plays guides and loads styles (`:play <url>`, `:style <url>`)
                    // only from these hosts, compared without the port; the default names
                    // localhost but not 127.0.0.1, where the project's API serves its guide.
                    .setConfig(ServerSettings.browser_remote_content_hostname_whitelist, BROWSER_CONTENT_HOSTS);
            setParsed(builder, GraphDatabaseSettings.pagecache_memory, pagecache);
            setParsed(builder, GraphDatabaseSettings.transaction_timeout, txTimeout);
            service = builder.build();
        } catch (RuntimeException | Error failure) {
            // The trace first and the one-line reason last, where a reader of the log's
            // tail looks first.
            failure.printStackTrace(System.out);
            System.out.println("FAILED " + describe(failure));
            Files.deleteIfExists(pidFile);
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("STOPPING");
            try {
                Files.deleteIfExists(readyFile);
                service.shutdown();
                Files.deleteIfExists(pidFile);
            } catch (IOException | RuntimeException failure) {
                failure.printStackTrace(System.out);
            }
            System.out.println("STOPPED");
            System.out.flush();
            stopped.countDown();
        }, "ofsted-kg-shutdown"));

        try {
            if (auth && password != null && !password.isEmpty()) {
                setInitialPassword(service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME), password);
            }
        } catch (RuntimeException failure) {
            // The trace first and the one-line reason last, where a reader of the log's
            // tail looks first.
            failure.printStackTrace(System.out);
            System.out.println("FAILED " + describe(failure));
            System.exit(1);
            return;
        }

        String ready = "bolt=bolt://" + advertised(host) + ":" + boltPort + "\n"
                + "browser=http://" + advertised(host) + ":" + httpPort + "/browser/\n";
        writeAtomically(readyFile, ready);
        System.out.println("READY " + ready.replace('\n', ' ').trim());
        System.out.flush();

        // Keep the JVM alive until the shutdown hook has closed the store.
        stopped.await();
    }

    /**
     * Sets the password of user neo4j when it is still Neo4j's built-in default, which a
     * first login would otherwise have to change.
     */
    private static void setInitialPassword(GraphDatabaseService system, String password) {
        boolean stillDefault = system.executeTransactionally(
                "SHOW USERS YIELD user, passwordChangeRequired WHERE user = 'neo4j' "
                        + "RETURN passwordChangeRequired",
                Map.of(),
                result -> result.hasNext() && Boolean.TRUE.equals(result.next().get("passwordChangeRequired")));
        if (stillDefault) {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
            System.out.println("Set the initial password of user neo4j.");
        }
    }

    /** Reads a textual value as Neo4j's own configuration file would, e.g. "256m" or "30s". */
    @SuppressWarnings("unchecked")
    private static <T> void setParsed(DatabaseManagementServiceBuilder builder, Setting<T> setting, String raw) {
        T value = ((SettingImpl<T>) setting).parse(raw);
        builder.setConfig(setting, value);
    }

    private static Map<String, String> parseArguments(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Expected --name=value, got: " + arg);
            }
            int equals = arg.indexOf('=');
            options.put(arg.substring(2, equals), arg.substring(equals + 1));
        }
        return options;
    }

    private static String option(Map<String, String> options, String name, String fallback) {
        String given = options.get(name);
        return given != null ? given : System.getProperty("ofstedkg." + name, fallback);
    }

    /** Clients cannot connect to a wildcard address: routing tables name loopback instead. */
    private static String advertised(String host) {
        return host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    }

    /** Readers never see a half-written file: write beside it, then rename over it. */
    private static void writeAtomically(Path target, String content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
        Files.writeString(partial, content, StandardCharsets.UTF_8);
        Files.move(partial, absolute, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The innermost cause usually names the real problem, e.g. an address already in use. */
    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return message.replace('\n', ' ');
    }
}
