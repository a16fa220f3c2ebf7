package io.github.dingtalkauth.cluster;

import io.github.dingtalkauth.testing.OsTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server (Debian's {@code postgresql} package): a fresh cluster made by {@code initdb},
 * listening on a free loopback port, no durability (a test's sessions need none), stopped and deleted by
 * {@link #close()}. PostgreSQL refuses to run as root, so as root (CI) it runs as the {@code postgres} user in a
 * directory under the system's temporary directory that this user owns; otherwise under {@code target/}.
 */
final class Postgres implements AutoCloseable {
    private static final String USER = "dingtalk";

    private final Process server;
    private final Path dir;
    private final int port;
    private final List<String> stop;
    private final Thread killOnExit;

    private Postgres(Process server, Path dir, int port, List<String> stop) {
        this.server = server;
        this.dir = dir;
        this.port = port;
        this.stop = stop;
        this.killOnExit = new Thread(server::destroyForcibly, "postgres-kill");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    static final String PACKAGE = "postgresql";
    static final String[] BINARY = {"/usr/lib/postgresql/*/bin/postgres", "postgres"};

    static Postgres start() throws Exception {
        Path postgres = OsTool.require(PACKAGE, BINARY);
        Path bin = postgres.getParent();
        boolean root = OsTool.runningAsRoot();
        Path dir = root ? Files.createTempDirectory("dingtalk-postgres-")
                : Files.createDirectories(Path.of("target")).resolve("postgres-" + ProcessHandle.current().pid());
        if (root) {
            OsTool.run(List.of("chown", "postgres:", dir.toString()), dir);
        }
        Path data = dir.resolve("data");
        OsTool.run(asPostgres(root, bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"), dir);
        int port = OsTool.freePort();
        Process server = new ProcessBuilder(asPostgres(root, postgres.toString(), "-D", data.toString(),
                "-p", String.valueOf(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"))
                .directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("postgres.log").toFile()).start();
        Postgres started = new Postgres(server, dir, port, asPostgres(root, bin.resolve("pg_ctl").toString(),
                "stop", "-D", data.toString(), "-m", "fast", "-w", "-t", "20"));
        try {
            started.awaitReady();
            return started;
        } catch (Exception | Error e) {
            started.close();
            throw e;
        }
    }

    /** The JDBC URL of the server's {@code postgres} database, user and all (trust authentication, loopback only). */
    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=" + USER;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl());
    }

    /** A fast shutdown (open connections are cut, nothing waits for them), then the directory goes. */
    @Override
    public void close() throws Exception {
        try {
            if (server.isAlive()) {
                try {
                    OsTool.run(stop, dir);
                } finally {
                    if (!server.waitFor(20, TimeUnit.SECONDS)) {
                        server.destroyForcibly().waitFor();
                    }
                }
            }
        } finally {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
            delete(dir);
        }
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Connection ignored = connect()) {
                return;
            } catch (SQLException notYet) {
                if (!server.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("PostgreSQL did not start: " + Files.readString(dir.resolve("postgres.log")),
                            notYet);
                }
                Thread.sleep(100);
            }
        }
    }

    /** As root, runs the command as the postgres user (setpriv execs it, so the process is the command itself). */
    private static List<String> asPostgres(boolean root, String... command) {
        List<String> all = new ArrayList<>();
        if (root) {
            all.addAll(List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--clear-groups", "--"));
        }
        all.addAll(List.of(command));
        return all;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
