package io.github.dingtalkauth.emulator;

/** One endpoint: a request in, a complete answer out, nothing written directly. */
@FunctionalInterface
interface RequestHandler {
    Response handle(RecordedRequest request);
}
