package io.github.dingtalkauth.benchmarks;
final class Memory { static void run(Report r, boolean q) throws Exception { } }
