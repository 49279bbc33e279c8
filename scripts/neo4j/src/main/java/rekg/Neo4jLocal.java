package rekg;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Local Neo4j Community server for rekg tests, CI and development.
 *
 * <p>Starts an embedded {@link DatabaseManagementService} with the Bolt connector on
 * 127.0.0.1:PORT, native auth enabled and the {@code neo4j} user's password set (no forced
 * change), then runs until SIGTERM/SIGINT, when a shutdown hook stops the DBMS cleanly.
 *
 * <p>Usage: {@code java -cp ... rekg.Neo4jLocal --home DIR --port PORT}. The password comes
 * from the environment variable {@code REKG_NEO4J_LOCAL_PASSWORD} (kept off the command line so
 * it does not show in {@code ps}); default {@value #DEFAULT_PASSWORD}.
 *
 * <p>Prints {@value #READY_MARKER} followed by the Bolt URI once Bolt accepts the password;
 * scripts/neo4j-local waits for that line.
 */
public final class Neo4jLocal {
    static final String DEFAULT_PASSWORD = "rekg-local-password";
    static final String READY_MARKER = "REKG_NEO4J_READY ";
    static final String HOST = "127.0.0.1";

    private Neo4jLocal() {}

    public static void main(String[] args) throws Exception {
        Path home = null;
        int port = BoltConnector.DEFAULT_PORT;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--home" -> home = Path.of(args[++i]);
                case "--port" -> port = Integer.parseInt(args[++i]);
                default -> die("unknown argument: " + args[i]
                        + " (usage: rekg.Neo4jLocal --home DIR [--port PORT])");
            }
        }
        if (home == null) {
            die("--home DIR is required");
        }
        String password = System.getenv().getOrDefault("REKG_NEO4J_LOCAL_PASSWORD", "");
        if (password.isEmpty()) {
            password = DEFAULT_PASSWORD;
        }
        home = home.toAbsolutePath().normalize();
        Files.createDirectories(home);

        PrintStream out = System.out;
        out.printf("rekg-neo4j-local: starting Neo4j Community (home=%s, bolt=%s:%d)%n", home, HOST, port);

        DatabaseManagementService dbms;
        try {
            dbms = new DatabaseManagementServiceBuilder(home)
                    // Neo4j's user log (neo4j.log in a server install) goes to our stdout.
                    .setUserLogProvider(new Log4jLogProvider(out, Level.INFO))
                    // Bolt on loopback only, plain text (tests / CI / local dev).
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, port))
                    .setConfig(BoltConnector.advertised_address, new SocketAddress(HOST, port))
                    .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    .setConfig(GraphDatabaseSettings.default_listen_address, new SocketAddress(HOST))
                    .setConfig(GraphDatabaseSettings.default_advertised_address, new SocketAddress(HOST))
                    // Native auth on; the password is set below through the system database.
                    .setConfig(GraphDatabaseSettings.auth_enabled, true)
                    .setConfig(GraphDatabaseSettings.auth_minimum_password_length, 1)
                    // No usage data reporting / outbound network.
                    .setConfig(GraphDatabaseSettings.udc_enabled, false)
                    // Modest footprint: 2-core CI machine running tests alongside.
                    .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(256))
                    .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
                    .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(32))
                    .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                    // Bolt's netty shutdown otherwise waits a 5 s quiet period (twice) on stop.
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                    .build();
        } catch (Throwable t) {
            System.err.println("rekg-neo4j-local: failed to start Neo4j: " + t);
            t.printStackTrace();
            System.exit(1);
            return;
        }

        out.printf("rekg-neo4j-local: DBMS started (%d ms since JVM start)%n", uptimeMillis());
        CountDownLatch stopped = new CountDownLatch(1);
        final DatabaseManagementService service = dbms;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("rekg-neo4j-local: shutdown requested, stopping Neo4j");
            out.flush();
            try {
                service.shutdown();
                out.println("rekg-neo4j-local: stopped");
            } catch (Throwable t) {
                out.println("rekg-neo4j-local: error during shutdown: " + t);
            } finally {
                out.flush();
                stopped.countDown();
            }
        }, "rekg-neo4j-local-shutdown"));

        try {
            setPassword(dbms, password);
            out.printf("rekg-neo4j-local: password set (%d ms since JVM start)%n", uptimeMillis());
            String dbName = GraphDatabaseSettings.DEFAULT_DATABASE_NAME;
            GraphDatabaseService db = dbms.database(dbName);
            if (!db.isAvailable(Duration.ofSeconds(120).toMillis())) {
                throw new IllegalStateException("database '" + dbName + "' did not become available");
            }
        } catch (Throwable t) {
            System.err.println("rekg-neo4j-local: startup failed: " + t);
            t.printStackTrace();
            // The shutdown hook stops the DBMS.
            System.exit(1);
            return;
        }

        out.printf("rekg-neo4j-local: ready (%d ms since JVM start)%n", uptimeMillis());
        out.println(READY_MARKER + "bolt://" + HOST + ":" + port);
        out.flush();

        // Wait until the shutdown hook has run (SIGTERM / SIGINT); the JVM then exits.
        while (!stopped.await(1, TimeUnit.HOURS)) {
            // keep waiting
        }
    }

    /** Sets the neo4j user's password and clears the "change required" flag (idempotent). */
    private static void setPassword(DatabaseManagementService dbms, String password) {
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        } catch (RuntimeException e) {
            // Restart with the same password: Neo4j refuses "new password == old password".
            if (!String.valueOf(messages(e)).contains("cannot be the same")) {
                throw e;
            }
            system.executeTransactionally("ALTER USER neo4j SET PASSWORD CHANGE NOT REQUIRED");
        }
    }

    private static long uptimeMillis() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
    }

    private static String messages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c.getMessage()).append('\n');
        }
        return sb.toString();
    }

    private static void die(String message) {
        System.err.println("rekg-neo4j-local: " + message);
        System.exit(2);
    }
}
