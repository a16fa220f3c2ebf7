package io.github.dingtalkauth.benchmarks;

import io.github.dingtalkauth.bench.InitTime;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Start-up in fresh JVMs: the filter's {@code init()} ({@link InitTime}), and the sample's cold start from
 * {@code java ... SampleLauncher} to the first HTTP response (dev mode: it starts the emulator too).
 */
final class StartUp {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private StartUp() {
    }

    static void run(Report report, boolean quick) throws Exception {
        int runs = quick ? 1 : 5;
        double[][] fresh = initTimes(runs, "fresh");
        double[][] container = initTimes(runs, "container");
        double[] cold = new double[runs];
        String sampleClassPath = sampleClassPath();
        for (int i = 0; i < runs; i++) {
            cold[i] = coldStart(sampleClassPath);
            System.out.printf("  cold start %d: %.0f ms%n", i, cold[i]);
        }
        report.section("Start-up (fresh JVMs)");
        report.table(List.of("what", "median", "all runs", "target"), List.of(
                List.of("`init()`, the first in a JVM where Jetty 12 already started (as a container calls it;"
                        + " init-params with allowedCorpIds)", ms(container[0]), runs(container[0]), "≤ 50 ms"),
                List.of("… the same, CPU time of the calling thread (what is left when other processes' turns on the"
                        + " CPU are taken out)", ms(container[2]), runs(container[2]), "≤ 50 ms"),
                List.of("`init()`, the first in a bare fresh JVM (nothing loaded before: every JDK class it uses"
                        + " is loaded on the clock)", ms(fresh[0]), runs(fresh[0]), "—"),
                List.of("`init()` again in the same JVM (warm, median of 21)", ms(fresh[1]), runs(fresh[1]), "—"),
                List.of("sample cold start: `java -cp … SampleLauncher` to the first HTTP response of `GET /`"
                        + " (dev mode: Jetty, the WAR, the filter and the emulator)",
                        Report.num(Numbers.median(cold), 0) + " ms", runs(cold), "≤ 3 s")));
    }

    /** [0] the first init() of each fresh JVM, [1] the warm median of each, [2] the first's CPU time; in ms. */
    private static double[][] initTimes(int runs, String mode) throws Exception {
        double[][] times = new double[3][runs];
        for (int i = 0; i < runs; i++) {
            Process p = new ProcessBuilder(JAVA, "-cp", System.getProperty("java.class.path"),
                    InitTime.class.getName(), mode).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("InitTime failed: " + out);
            }
            String[] parts = out.lines().reduce((a, b) -> b).orElseThrow().split(" ");
            times[0][i] = Long.parseLong(parts[0]) / 1e6;
            times[1][i] = Long.parseLong(parts[1]) / 1e6;
            times[2][i] = Long.parseLong(parts[2]) / 1e6;
        }
        return times;
    }

    private static String ms(double[] values) {
        return Report.num(Numbers.median(values), Numbers.median(values) < 10 ? 2 : 0) + " ms";
    }

    private static String runs(double[] values) {
        return Arrays.stream(values).mapToObj(v -> Report.num(v, v < 10 ? 2 : 0)).collect(Collectors.joining(", "));
    }

    /** What the sample needs (Jetty, the filter, the emulator, JSON, logging) and its classes; no benchmark jars. */
    private static String sampleClassPath() {
        List<String> entries = new ArrayList<>();
        entries.add(System.getProperty("bench.sampleClasses", "sample-webapp/target/classes"));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.matches(".*(jetty-|jakarta\\.|dingtalk-auth-filter|dingtalk-auth-emulator|/filter/[^/]+/classes"
                    + "|/emulator/[^/]+/classes|parsson|slf4j-api).*") && !entry.endsWith(".war")) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static double coldStart(String classPath) throws Exception {
        int port = Apps.freePort();
        ProcessBuilder builder = new ProcessBuilder(JAVA, "-cp", classPath, "io.github.dingtalkauth.sample.SampleLauncher")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("HOST", "127.0.0.1");
        long started = System.nanoTime();
        Process sample = builder.start();
        try {
            while (sample.isAlive()) {
                if (answers(port)) {
                    return (System.nanoTime() - started) / 1e6;
                }
                TimeUnit.MILLISECONDS.sleep(5);
                if (System.nanoTime() - started > TimeUnit.SECONDS.toNanos(60)) {
                    throw new IllegalStateException("the sample did not answer within 60 s");
                }
            }
            throw new IllegalStateException("the sample exited with " + sample.exitValue());
        } finally {
            sample.destroy();
            sample.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] head = in.readNBytes(12);
            return new String(head, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 ");
        } catch (IOException e) {
            return false;
        }
    }
}
