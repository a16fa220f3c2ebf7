package io.github.dingtalkauth.security;

import io.github.dingtalkauth.testing.Flow;
import org.junit.jupiter.api.BeforeAll;

/** {@link CodeTest}'s scenarios with {@code flow=legacy}: the temporary code is redeemed once, never retried. */
class LegacyCodeTest extends CodeTest {
    /** Hides {@link CodeTest#start()}: the same application, in the legacy flow. */
    @BeforeAll
    static void start() throws Exception {
        app = SecurityApp.start(Flow.LEGACY, SETTINGS);
    }
}
