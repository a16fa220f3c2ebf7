package io.github.dingtalkauth.emulator;

/**
 * What the emulator has seen since it started or was last reset.
 *
 * <p>A request answered by a fault still counts in the {@code …Requests} and {@code …Lookups} counters: tests use
 * them to prove whether a client called DingTalk at all. The success counters count only real grants, profiles and
 * app tokens.
 *
 * @param appTokenRequests  requests to any of the three app-token endpoints
 * @param appTokenSuccesses app tokens handed out (the same token handed out again counts again)
 * @param unionIdLookups    requests to {@code topapi/user/getbyunionid}
 * @param employeeLookups   requests to {@code topapi/v2/user/get}
 * @param abandonedAnswers  answers the client closed the connection on before the emulator had written them in full,
 *                          such as a huge body it stopped reading or a trickling one it gave up on
 */
public record Stats(
        int authorizeRequests,
        int approvals,
        int denials,
        int tokenRequests,
        int tokenSuccesses,
        int profileRequests,
        int profileSuccesses,
        int appTokenRequests,
        int appTokenSuccesses,
        int unionIdLookups,
        int employeeLookups,
        int abandonedAnswers) {
}
