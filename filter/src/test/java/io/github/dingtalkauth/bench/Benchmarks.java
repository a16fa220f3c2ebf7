package io.github.dingtalkauth.bench;

/**
 * The entry point that {@code BENCHMARKS.md}'s "run everything" command starts in every module: here it runs
 * {@link FilterBenchmark}. sample-webapp has a class of the same name (in its own test sources, never on the same
 * classpath) that runs the end-to-end sign-in benchmark, so that one reactor command runs both.
 */
public final class Benchmarks {
    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        FilterBenchmark.main(args);
    }
}
