package io.github.dingtalkauth.emulator;

/**
 * What the emulator has seen since it started or was last reset.
 *
 * <p>A request answered by a fault still counts in {@code tokenRequests} or {@code profileRequests}: tests use these
 * counters to prove whether a client called DingTalk at all. The success counters count only real grants and profiles.
 */
public record Stats(
        int authorizeRequests,
        int approvals,
        int denials,
        int tokenRequests,
        int tokenSuccesses,
        int profileRequests,
        int profileSuccesses) {
}
