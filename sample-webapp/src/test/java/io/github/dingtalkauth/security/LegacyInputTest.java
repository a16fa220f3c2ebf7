package io.github.dingtalkauth.security;

import io.github.dingtalkauth.testing.Flow;
import org.junit.jupiter.api.BeforeAll;

/** {@link InputTest}'s scenarios with {@code flow=legacy} (those of {@code authCode} with {@code code} skipped). */
class LegacyInputTest extends InputTest {
    /** Hides {@link InputTest#start()}: the same application, in the legacy flow. */
    @BeforeAll
    static void start() throws Exception {
        app = SecurityApp.start(Flow.LEGACY);
    }
}
