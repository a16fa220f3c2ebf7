package io.github.dingtalkauth.security.faults;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.emulator.Endpoint;
import io.github.dingtalkauth.emulator.RecordedRequest;
import io.github.dingtalkauth.testing.Flow;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * {@link SecretHygieneTest} with {@code flow=legacy}: the same flows in a child JVM under both logging configurations,
 * with the legacy exchange's signature among the secrets no log line may hold; and the exchange itself never sends
 * the secret, only the timestamp and its signature.
 */
class LegacySecretHygieneTest extends SecretHygieneTest {
    /** Hides {@link SecretHygieneTest#runTheFlowsUnderBothLoggingConfigurations()}: the legacy flow. */
    @BeforeAll
    static void runTheFlowsUnderBothLoggingConfigurations() throws Exception {
        runIn(Flow.LEGACY);
    }

    @Test
    void legacyExchangeSendsTheTimestampAndItsSignatureButNeverTheSecret() {
        List<RecordedRequest> calls = production.requestsTo(Endpoint.LEGACY_USER_INFO);
        List<Executable> checks = new ArrayList<>();
        checks.add(() -> assertFalse(calls.isEmpty(), "legacy exchanges"));
        for (RecordedRequest call : calls) {
            checks.add(() -> assertEquals("POST", call.method()));
            checks.add(() -> assertTrue(call.query().matches("accessKey=[^&]+&timestamp=\\d+&signature=[^&]+"),
                    call::query));
            checks.add(() -> assertTrue(call.body().matches("\\{\"tmp_auth_code\":\"CANARY-CODE-\\d+\"}"),
                    call::body));
            String whole = call.path() + "?" + call.query() + "\n" + call.headers() + "\n" + call.body();
            checks.add(() -> assertFalse(whole.contains(SECRET), whole));
        }
        assertAll(checks);
    }
}
