package io.github.dingtalkauth.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/** The Markdown report: a header naming the machine and JVM, then one section per stage. */
final class Report {
    private final Path dir;
    private final StringBuilder text = new StringBuilder();

    Report(Path dir, boolean quick) {
        this.dir = dir;
        text.append("# dingtalk-auth benchmarks\n\n")
                .append(quick ? "**Quick run: only checks the harness; the figures mean nothing.**\n\n" : "")
                .append("- when: ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append('\n')
                .append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs, ")
                .append(cpuModel()).append(", ").append(System.getProperty("os.name")).append(' ')
                .append(System.getProperty("os.version")).append('\n')
                .append("- JVM: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append(", flags ")
                .append(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                        .filter(a -> a.startsWith("-X")).toList()).append('\n')
                .append("- commit: ").append(commit()).append("\n");
    }

    Path file() {
        return dir.resolve("benchmarks.md");
    }

    Path dir() {
        return dir;
    }

    void section(String title) {
        text.append("\n## ").append(title).append("\n\n");
    }

    void note(String line) {
        text.append(line).append("\n\n");
    }

    void table(List<String> header, List<List<String>> rows) {
        text.append('|').append(String.join("|", header)).append("|\n|");
        for (int i = 0; i < header.size(); i++) {
            text.append(i == 0 ? "---|" : "---:|");
        }
        text.append('\n');
        for (List<String> row : rows) {
            text.append('|').append(String.join("|", row)).append("|\n");
        }
        text.append('\n');
    }

    void write() {
        try {
            Files.createDirectories(dir);
            Files.writeString(file(), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String num(double value, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String commit() {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return git.waitFor() == 0 ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
