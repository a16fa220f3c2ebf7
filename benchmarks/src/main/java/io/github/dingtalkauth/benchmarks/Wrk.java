package io.github.dingtalkauth.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Debian's {@code wrk} on loopback: one run against one URL, its requests/s and latency percentiles. */
final class Wrk {
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)%\\s+([0-9.]+)(us|ms|s)\\s*$",
            Pattern.MULTILINE);
    private static final Pattern ERRORS = Pattern.compile("Socket errors: (.*)");

    record Result(double requestsPerSecond, double p50Micros, double p99Micros, String errors) {
    }

    private Wrk() {
    }

    static boolean installed() {
        return Files.isExecutable(Path.of("/usr/bin/wrk"));
    }

    /** {@code cpus} (e.g. "0") pins wrk with taskset; null leaves it to the scheduler. */
    static Result run(String url, List<String> headers, int connections, int seconds, String cpus)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (cpus != null) {
            command.addAll(List.of("taskset", "-c", cpus));
        }
        command.addAll(List.of("wrk", "-t1", "-c" + connections, "-d" + seconds + "s", "--latency"));
        for (String header : headers) {
            command.add("-H");
            command.add(header);
        }
        command.add(url);
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + out);
        }
        Matcher rate = RATE.matcher(out);
        if (!rate.find()) {
            throw new IllegalStateException("no Requests/sec in wrk's output: " + out);
        }
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        Matcher p = PERCENTILE.matcher(out);
        while (p.find()) {
            double micros = Double.parseDouble(p.group(2)) * switch (p.group(3)) {
                case "us" -> 1;
                case "ms" -> 1_000;
                default -> 1_000_000;
            };
            if (p.group(1).equals("50")) {
                p50 = micros;
            } else {
                p99 = micros;
            }
        }
        Matcher errors = ERRORS.matcher(out);
        return new Result(Double.parseDouble(rate.group(1)), p50, p99, errors.find() ? errors.group(1) : "");
    }

    static String version() {
        try {
            Process wrk = new ProcessBuilder("wrk", "-v").redirectErrorStream(true).start();
            String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            wrk.waitFor();
            return out.lines().findFirst().orElse("wrk").trim().toLowerCase(Locale.ROOT).startsWith("wrk")
                    ? out.lines().findFirst().get().trim() : "wrk";
        } catch (IOException e) {
            return "wrk";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "wrk";
        }
    }
}
