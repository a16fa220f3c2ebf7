package io.github.dingtalkauth.benchmarks;

import io.github.dingtalkauth.bench.FilterJmh;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** The in-process micro benchmarks ({@link FilterJmh}) under JMH, with its GC profiler for bytes per call. */
final class Micro {
    private Micro() {
    }

    static void run(Report report, boolean quick) throws Exception {
        Options options = new OptionsBuilder()
                .include(FilterJmh.class.getName() + "\\.")
                .forks(quick ? 1 : 2)
                .warmupIterations(quick ? 1 : 5)
                .warmupTime(TimeValue.milliseconds(quick ? 200 : 1000))
                .measurementIterations(quick ? 2 : 5)
                .measurementTime(TimeValue.milliseconds(quick ? 200 : 1000))
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        List<List<String>> rows = new ArrayList<>();
        for (RunResult result : results) {
            Result<?> primary = result.getPrimaryResult();
            Result<?> bytes = result.getSecondaryResults().get("gc.alloc.rate.norm");
            String name = result.getParams().getBenchmark();
            rows.add(List.of("`" + name.substring(name.lastIndexOf('.') + 1) + "`",
                    Report.num(primary.getScore(), 1), "± " + Report.num(primary.getScoreError(), 1),
                    bytes == null ? "?" : Report.num(bytes.getScore(), 0)));
        }
        report.section("Micro benchmarks (JMH, in-process, fake request/response)");
        report.note("`FilterJmh`: " + (quick ? 1 : 2) + " forks × " + (quick ? 2 : 5)
                + " measurement iterations after warm-up; average time per `doFilter`, and bytes allocated per call"
                + " (`-prof gc`, `gc.alloc.rate.norm`). The baseline is a filter that only calls the chain.");
        report.table(List.of("benchmark", "ns/op", "error (99.9 %)", "B/op"), rows);
    }
}
