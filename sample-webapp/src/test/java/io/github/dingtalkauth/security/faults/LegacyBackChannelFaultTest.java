package io.github.dingtalkauth.security.faults;

import io.github.dingtalkauth.emulator.Endpoint;
import io.github.dingtalkauth.emulator.Fault;
import io.github.dingtalkauth.testing.Flow;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link BackChannelFaultTest} with {@code flow=legacy}: every fault on the one signed call,
 * {@code sns/getuserinfo_bycode}, which answers HTTP 200 even when it fails ({@code errcode}), gives the fixed page,
 * presents the code once, and leaves the next login working.
 */
class LegacyBackChannelFaultTest extends BackChannelFaultTest {
    /** Hides {@link BackChannelFaultTest#start()}: the same application, in the legacy flow. */
    @BeforeAll
    static void start() throws Exception {
        startIn(Flow.LEGACY);
    }

    /** Hides {@link BackChannelFaultTest#tokenFaults()}: the faults of the legacy exchange. */
    static Stream<Case> tokenFaults() {
        Endpoint e = Endpoint.LEGACY_USER_INFO;
        List<Case> cases = new ArrayList<>(common(e));
        cases.addAll(List.of(
                // errcode inside HTTP 200 (protocol §2.2): refused by DingTalk, so provider_error, its text not shown.
                new Case(e, Fault.oapiError(40078, "不存在的临时授权码"), 502, "provider_error", List.of("不存在的临时授权码")),
                new Case(e, Fault.oapiError(853004, "签名不匹配"), 502, "provider_error", List.of("签名不匹配")),
                new Case(e, Fault.oapiError(853002, "PROVIDER-SAYS-SKEW"), 502, "clock_skew",
                        List.of("PROVIDER-SAYS-SKEW")),
                invalid(e, json("{\"errcode\":0,\"errmsg\":\"ok\"}")),
                invalid(e, json("{\"errcode\":0,\"user_info\":{\"nick\":\"x\",\"openid\":\"o\"}}")),
                invalid(e, json("{\"errcode\":0,\"user_info\":{\"unionid\":123,\"openid\":\"o\",\"nick\":\"x\"}}")),
                invalid(e, json("{\"errcode\":0,\"user_info\":{\"unionid\":\"\",\"openid\":\"o\",\"nick\":\"x\"}}")),
                invalid(e, json("{\"errcode\":0,\"user_info\":{\"unionid\":\"victim\",\"unionid\":\"attacker\","
                        + "\"openid\":\"o\",\"nick\":\"x\"}}")),
                invalid(e, json("{\"errcode\":0,\"user_info\":{\"unionid\":\"../../x\",\"openid\":\"o\"}}")),
                invalid(e, json("{\"errcode\":0,\"user_info\":\"FAULT-INFO\"}")),
                invalid(e, Fault.statusBytes(200, "application/json",
                        bytes("{\"errcode\":0,\"user_info\":{\"unionid\":\"utf8user\",\"nick\":\"x", 0xFF, "\"}}")))));
        return cases.stream();
    }

    /** The legacy flow makes no profile call: its one exchange answers with the identity. Not a test here. */
    @Override
    void profileCallFaultGivesFixedPageOnceAndNextLoginWorks(Case fault) {
    }
}
