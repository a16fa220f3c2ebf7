package io.github.dingtalkauth.security;

import io.github.dingtalkauth.testing.Flow;
import org.junit.jupiter.api.BeforeAll;

/** {@link ConcurrencyTest}'s scenarios with {@code flow=legacy}: a double-click redeems the temporary code once. */
class LegacyConcurrencyTest extends ConcurrencyTest {
    /** Hides {@link ConcurrencyTest#start()}: the same application and pool, in the legacy flow. */
    @BeforeAll
    static void start() throws Exception {
        startIn(Flow.LEGACY);
    }
}
