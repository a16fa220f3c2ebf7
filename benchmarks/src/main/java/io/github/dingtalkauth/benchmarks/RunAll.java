package io.github.dingtalkauth.benchmarks;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Runs every benchmark stage and writes {@code target/benchmarks.md} (and the heap chart). Arguments: {@code all}
 * (default), {@code quick} (a short run that only checks the harness), and/or stage names: {@code startup},
 * {@code micro}, {@code memory}, {@code burst}, {@code hotpath}. See BENCHMARKS.md.
 */
public final class RunAll {
    static final List<String> STAGES = List.of("startup", "micro", "memory", "burst", "hotpath");

    private RunAll() {
    }

    public static void main(String[] args) throws Exception {
        Set<String> words = Set.copyOf(Arrays.stream(String.join(" ", args).trim().split("[\\s,]+"))
                .filter(w -> !w.isEmpty()).toList());
        boolean quick = words.contains("quick");
        List<String> stages = STAGES.stream().filter(words::contains).toList();
        if (stages.isEmpty()) {
            stages = STAGES;
        }
        Path out = Path.of(System.getProperty("bench.out", "benchmarks/target"));
        Report report = new Report(out, quick);
        for (String stage : stages) {
            long started = System.nanoTime();
            System.out.println("== benchmark stage: " + stage);
            switch (stage) {
                case "startup" -> StartUp.run(report, quick);
                case "micro" -> Micro.run(report, quick);
                case "memory" -> Memory.run(report, quick);
                case "burst" -> SignInBurst.run(report, quick);
                case "hotpath" -> HotPath.run(report, quick);
                default -> throw new IllegalStateException(stage);
            }
            report.note("_Stage `" + stage + "` took " + Math.round((System.nanoTime() - started) / 1e9) + " s._");
            report.write(); // what is done survives a later stage's failure
        }
        System.out.println("== wrote " + report.file());
        System.exit(0); // the emulator's and clients' daemon threads need not linger
    }
}
