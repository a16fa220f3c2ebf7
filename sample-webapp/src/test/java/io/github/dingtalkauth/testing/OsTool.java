package io.github.dingtalkauth.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

/**
 * An operating-system program a test runs (chromium, postgres, nginx): found where Debian installs it or on the PATH. When it is
 * missing the test is skipped with a message naming the package, except under CI (env {@code CI} set), where
 * {@code .ci/run} installs it and its absence is a failure.
 */
public final class OsTool {
    private OsTool() {
    }

    /**
     * The first of {@code candidates} that is executable: a path, a name looked up on the PATH, or a path with one
     * {@code *} for a directory (highest name first, e.g. the newest {@code /usr/lib/postgresql/}{@code *}{@code /bin}).
     */
    public static Path require(String debianPackage, String... candidates) {
        Optional<Path> found = find(candidates);
        if (found.isPresent()) {
            return found.get();
        }
        String message = missing(debianPackage, candidates);
        if (underCi()) {
            fail(message + " — .ci/run installs it, so under CI this is a failure");
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    /**
     * Skips a whole test class, reported as skipped with the reason, when the program is missing; under CI the class
     * runs, and {@link #require} then fails it.
     */
    public static ConditionEvaluationResult condition(String debianPackage, String... candidates) {
        return find(candidates).isPresent() || underCi()
                ? ConditionEvaluationResult.enabled(debianPackage + " is installed")
                : ConditionEvaluationResult.disabled(missing(debianPackage, candidates));
    }

    private static Optional<Path> find(String... candidates) {
        for (String candidate : candidates) {
            for (Path path : expand(candidate)) {
                if (Files.isExecutable(path)) {
                    return Optional.of(path);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean underCi() {
        return System.getenv("CI") != null;
    }

    private static String missing(String debianPackage, String... candidates) {
        return "needs the Debian package '" + debianPackage + "' (apt-get install -y " + debianPackage
                + "); not found: " + String.join(", ", candidates);
    }

    /** Runs a short command to its end; a failure shows its output. */
    public static String run(List<String> command, Path workDir) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(command.get(0) + " failed: " + new String(output));
        }
        return new String(output);
    }

    /** A loopback port free right now, for a server that must know its port before it starts (or restarts on it). */
    public static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when this JVM runs as root (CI does), where servers that refuse root must drop to another user. */
    public static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static List<Path> expand(String candidate) {
        if (!candidate.contains("/")) {
            return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                    .filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, candidate)).toList();
        }
        int star = candidate.indexOf('*');
        if (star < 0) {
            return List.of(Path.of(candidate));
        }
        Path parent = Path.of(candidate.substring(0, star));
        String rest = candidate.substring(candidate.indexOf('/', star) + 1);
        List<Path> found = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(parent)) {
            dirs.sorted(Comparator.reverseOrder()).forEach(dir -> found.add(dir.resolve(rest)));
        } catch (IOException noSuchDir) {
            return List.of();
        }
        return found;
    }
}
