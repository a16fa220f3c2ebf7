package io.github.dingtalkauth.benchmarks;
final class StartUp { static void run(Report r, boolean q) throws Exception { } }
