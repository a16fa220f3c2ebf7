package io.github.dingtalkauth.security;

import io.github.dingtalkauth.testing.Flow;
import org.junit.jupiter.api.BeforeAll;

/** {@link HeadersTest}'s scenarios with {@code flow=legacy}: the filter's own answers carry the same headers. */
class LegacyHeadersTest extends HeadersTest {
    /** Hides {@link HeadersTest#start()}: the same application, in the legacy flow. */
    @BeforeAll
    static void start() throws Exception {
        app = SecurityApp.start(Flow.LEGACY);
    }
}
