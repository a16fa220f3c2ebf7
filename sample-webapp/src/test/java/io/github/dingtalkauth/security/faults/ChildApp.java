package io.github.dingtalkauth.security.faults;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link LoggedSampleMain} in a child JVM on the test class path and keeps everything it prints. Its stdout and
 * stderr go to files (never to pipes, which a chatty logger could fill until the child blocks).
 */
final class ChildApp implements AutoCloseable {
    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final URI baseUri;

    private ChildApp(Process process, Path stdout, Path stderr, URI baseUri) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.baseUri = baseUri;
    }

    /** A free loopback port, for an app whose redirect URI must be known before it starts. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * @param systemProperties the child's {@code -D} options
     * @param environment      added to the child's environment
     * @param settings         filter settings, {@code key=value}
     */
    static ChildApp start(int port, List<String> systemProperties, Map<String, String> environment,
                          List<String> settings) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("dingtalk-faults-child-");
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Surefire names the real test class path here; java.class.path may be its manifest-only booter jar, which
        // works as well.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-cp", classPath));
        command.addAll(systemProperties);
        command.add(LoggedSampleMain.class.getName());
        command.add(String.valueOf(port));
        command.addAll(settings);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(Path.of(System.getProperty("user.dir")).toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
                if (line.startsWith("READY ")) {
                    return new ChildApp(process, out, err, URI.create(line.substring("READY ".length()).trim()));
                }
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the child app did not start; stderr:\n"
                + Files.readString(err, StandardCharsets.UTF_8));
    }

    URI baseUri() {
        return baseUri;
    }

    /** Stops the app the way an operator would, and returns every line it printed: stdout first, then stderr. */
    List<String> stopAndCollectOutput() throws IOException, InterruptedException {
        stop();
        List<String> lines = new ArrayList<>(Files.readAllLines(stdout, StandardCharsets.UTF_8));
        lines.addAll(Files.readAllLines(stderr, StandardCharsets.UTF_8));
        return lines;
    }

    private void stop() throws InterruptedException {
        if (process.isAlive()) {
            try (OutputStream in = process.getOutputStream()) {
                in.write("stop\n".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException alreadyGone) {
                // the child ended by itself; its output says why
            }
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
        Path dir = stdout.getParent();
        Files.deleteIfExists(stdout);
        Files.deleteIfExists(stderr);
        Files.deleteIfExists(dir);
    }
}
