package io.github.dingtalkauth.emulator.junit;

import io.github.dingtalkauth.emulator.DingTalkEmulator;
import io.github.dingtalkauth.emulator.Endpoint;
import io.github.dingtalkauth.emulator.Fault;
import io.github.dingtalkauth.emulator.Stats;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The extension used the way a user would, in this class, and its lifecycle proved by running small fixture classes
 * (static nested classes, which the build's test run leaves alone) through the JUnit Platform launcher.
 */
class DingTalkEmulatorExtensionTest {

    private static final String CALLBACK = "http://localhost:8080/dingtalk/callback";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** What the fixtures saw, in order; cleared before each fixture run. */
    private static final List<Object> SEEN = new CopyOnWriteArrayList<>();

    @RegisterExtension
    static DingTalkEmulatorExtension dingtalk = DingTalkEmulatorExtension.builder().redirectUri(CALLBACK).build();

    @Test
    void urlsAreTheRunningEmulators() {
        DingTalkEmulator emulator = dingtalk.emulator();

        assertEquals(emulator.authorizeUrl(), dingtalk.authorizeUrl());
        assertEquals(emulator.apiBaseUrl(), dingtalk.apiBaseUrl());
        assertEquals(emulator.oapiBaseUrl(), dingtalk.oapiBaseUrl());
        assertEquals("dingemulatorclient", dingtalk.clientId());
        assertEquals("emulator-secret", dingtalk.clientSecret());
        assertEquals(emulator.corpId(), dingtalk.corpId());
    }

    @Test
    void theConfiguredRedirectUriIsAccepted() throws Exception {
        assertEquals(200, authorize(CALLBACK).statusCode());
    }

    @Test
    void registerRedirectUriMakesTheAuthorizePageAcceptIt() throws Exception {
        String late = "http://127.0.0.1:45678/late/callback";
        assertEquals(400, authorize(late).statusCode());

        dingtalk.registerRedirectUri(late);

        assertEquals(200, authorize(late).statusCode());
    }

    @Test
    void builderSettingsReachTheEmulator() {
        DingTalkEmulatorExtension extension = DingTalkEmulatorExtension.builder().clientId("dingother")
                .clientSecret("s3cret").corpId("dingcorp").configure(b -> b.codePrefix("C-")).build();
        extension.beforeEach(null);
        try {
            assertEquals("dingother", extension.clientId());
            assertEquals("s3cret", extension.clientSecret());
            assertEquals("dingcorp", extension.corpId());
        } finally {
            extension.afterEach(null);
        }
    }

    @Test
    void useBeforeStartIsRefusedWithAHint() {
        DingTalkEmulatorExtension idle = DingTalkEmulatorExtension.builder().build();

        IllegalStateException e = assertThrows(IllegalStateException.class, idle::apiBaseUrl);
        assertTrue(e.getMessage().contains("@RegisterExtension"), e.getMessage());
    }

    @Test
    void staticFieldStartsOneEmulatorForAllTestsAndStopsItAfterwards() throws Exception {
        runFixture(StaticField.class, 2);

        assertEquals(2, SEEN.size());
        assertSame(SEEN.get(0), SEEN.get(1));
        assertStopped((DingTalkEmulator) SEEN.get(0));
    }

    @Test
    void instanceFieldStartsAFreshEmulatorForEachTestAndStopsIt() throws Exception {
        runFixture(InstanceField.class, 2);

        assertEquals(2, SEEN.size());
        assertNotSame(SEEN.get(0), SEEN.get(1));
        assertStopped((DingTalkEmulator) SEEN.get(0));
        assertStopped((DingTalkEmulator) SEEN.get(1));
    }

    @Test
    void eachTestStartsWithCountersRequestsFaultsAndStringTypesReset() throws Exception {
        runFixture(ResetBetweenTests.class, 2);

        assertEquals(List.of(new Stats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 0, 200, "0"), SEEN);
    }

    @Test
    void nestedClassesShareTheEmulatorOfTheirOuterClass() throws Exception {
        runFixture(WithNested.class, 2);

        assertEquals(2, SEEN.size());
        assertSame(SEEN.get(0), SEEN.get(1));
        assertStopped((DingTalkEmulator) SEEN.get(0));
    }

    private static HttpResponse<String> authorize(String redirectUri) throws IOException, InterruptedException {
        String query = "redirect_uri=" + redirectUri + "&response_type=code&client_id=" + dingtalk.clientId()
                + "&scope=openid&prompt=consent";
        return HTTP.send(HttpRequest.newBuilder(URI.create(dingtalk.authorizeUrl() + "?" + query)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void runFixture(Class<?> fixture, int tests) {
        SEEN.clear();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(org.junit.platform.engine.discovery.DiscoverySelectors.selectClass(fixture)).build(),
                listener);
        TestExecutionSummary summary = listener.getSummary();
        StringWriter failures = new StringWriter();
        summary.printFailuresTo(new PrintWriter(failures), 20);
        assertEquals(tests, summary.getTestsSucceededCount(), failures::toString);
        assertEquals(0, summary.getTotalFailureCount(), failures::toString);
    }

    private static void assertStopped(DingTalkEmulator emulator) {
        assertThrows(IOException.class, () -> HTTP.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl()))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()));
    }

    // --- fixtures, run by runFixture only ---

    /** Two tests that note the emulator they ran with. */
    abstract static class TwoTests {
        abstract DingTalkEmulatorExtension extension();

        @Test
        void first() {
            SEEN.add(extension().emulator());
        }

        @Test
        void second() {
            SEEN.add(extension().emulator());
        }
    }

    static class StaticField extends TwoTests {
        @RegisterExtension
        static DingTalkEmulatorExtension dingtalk = DingTalkEmulatorExtension.builder().build();

        @Override
        DingTalkEmulatorExtension extension() {
            return dingtalk;
        }
    }

    static class InstanceField extends TwoTests {
        @RegisterExtension
        DingTalkEmulatorExtension dingtalk = DingTalkEmulatorExtension.builder().build();

        @Override
        DingTalkEmulatorExtension extension() {
            return dingtalk;
        }
    }

    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class ResetBetweenTests {
        @RegisterExtension
        static DingTalkEmulatorExtension dingtalk = DingTalkEmulatorExtension.builder().build();

        @Test
        @Order(1)
        void leavesStateBehind() throws Exception {
            DingTalkEmulator emulator = dingtalk.emulator();
            emulator.setFault(Endpoint.LEGACY_APP_TOKEN, Fault.html500());
            emulator.setStringTypedAnswers(true);
            assertEquals(500, gettoken(emulator).statusCode());
        }

        @Test
        @Order(2)
        void findsItReset() throws Exception {
            DingTalkEmulator emulator = dingtalk.emulator();
            SEEN.add(emulator.stats());
            SEEN.add(emulator.requests().size());
            HttpResponse<String> answer = gettoken(emulator);
            SEEN.add(answer.statusCode());
            SEEN.add(answer.body().contains("\"errcode\":0,") ? "0" : answer.body());
        }

        private static HttpResponse<String> gettoken(DingTalkEmulator emulator) throws Exception {
            return HTTP.send(HttpRequest.newBuilder(URI.create(emulator.oapiBaseUrl() + "/gettoken?appkey="
                    + emulator.clientId() + "&appsecret=" + emulator.clientSecret())).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    static class WithNested {
        @RegisterExtension
        static DingTalkEmulatorExtension dingtalk = DingTalkEmulatorExtension.builder().build();

        @Test
        void outer() {
            SEEN.add(dingtalk.emulator());
        }

        @Nested
        class Inner {
            @Test
            void inner() {
                SEEN.add(dingtalk.emulator());
            }
        }
    }
}
