package io.github.dingtalkauth.benchmarks;
final class SignInBurst { static void run(Report r, boolean q) throws Exception { } }
