package io.github.dingtalkauth.security.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.dingtalkauth.DingTalkSettings;
import io.github.dingtalkauth.emulator.DingTalkEmulator;
import io.github.dingtalkauth.emulator.Endpoint;
import io.github.dingtalkauth.emulator.Fault;
import io.github.dingtalkauth.testing.Browser;
import io.github.dingtalkauth.testing.Closing;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 9's "done when" for the bulkhead, on Jetty 12 and Tomcat 10.1 (the subclasses): with DingTalk hanging, more
 * forged callbacks than the container has request threads (each with a valid state from its own anonymous login start) leave a public page answering at once,
 * and at most {@code maxConcurrentCalls} of them reach DingTalk. The others get 503 with Retry-After.
 *
 * <p>A liveness check, not a benchmark: the public page must answer within {@link #PATIENCE}, while the callbacks that
 * hold a permit stay stuck for {@link #REQUEST_TIMEOUT}. Without the bulkhead every request thread is stuck and the
 * page waits for them.
 */
abstract class SlowDingTalkFloodTest {
    /** The threads that serve requests; each container is started with exactly these. */
    static final int REQUEST_THREADS = 10;
    private static final int MAX_CONCURRENT_CALLS = 3;
    private static final int FORGED_CALLBACKS = 2 * REQUEST_THREADS;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(4);
    private static final Duration PATIENCE = Duration.ofSeconds(2);

    private DingTalkEmulator emulator;
    private URI base;
    private ExecutorService attackers;

    /** Starts the container with {@link #REQUEST_THREADS} request threads on loopback; returns its base URI. */
    abstract URI startContainer(Function<URI, DingTalkSettings> settings) throws Exception;

    abstract void stopContainer() throws Exception;

    @BeforeEach
    void start() throws Exception {
        emulator = DingTalkEmulator.builder().port(0).start();
        base = startContainer(this::settings);
        attackers = Executors.newFixedThreadPool(FORGED_CALLBACKS);
    }

    private DingTalkSettings settings(URI containerBase) {
        emulator.registerRedirectUri(containerBase + "/dingtalk/callback");
        return DingTalkSettings.builder().appId(emulator.clientId())
                .appSecret(emulator.clientSecret()).redirectUri(containerBase + "/dingtalk/callback")
                .authorizeUrl(emulator.authorizeUrl()).apiBaseUrl(emulator.apiBaseUrl())
                .excludePaths("/public/*").requestTimeout(REQUEST_TIMEOUT)
                .maxConcurrentCalls(MAX_CONCURRENT_CALLS).build();
    }

    @AfterEach
    void stop() throws Exception {
        Closing.all(attackers::shutdownNow, this::stopContainer, emulator);
    }

    /** Answers any path with a line of text. */
    static final class TextServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain;charset=UTF-8");
            resp.getWriter().print("ok");
        }
    }

    @Test
    void forgedCallbacksWhileDingTalkHangsLeavePublicPagesAnsweringAndCallDingTalkAtMostMaxConcurrentCalls()
            throws Exception {
        List<String> callbacks = new ArrayList<>();
        List<Browser> browsers = new ArrayList<>();
        for (int i = 0; i < FORGED_CALLBACKS; i++) {
            Browser attacker = new Browser(base); // each forged callback in a session of its own
            Browser.Response started = attacker.navigate("/reports");
            assertEquals(302, started.status(), started.body());
            String state = started.locationParameter("state");
            assertNotNull(state);
            browsers.add(attacker);
            callbacks.add("/dingtalk/callback?authCode=FORGED" + i + "&state=" + state);
        }
        emulator.setFault(Endpoint.TOKEN, Fault.delay(REQUEST_TIMEOUT.multipliedBy(10))); // DingTalk hangs

        List<Future<Browser.Response>> answers = new ArrayList<>();
        for (int i = 0; i < FORGED_CALLBACKS; i++) {
            Browser attacker = browsers.get(i);
            String callback = callbacks.get(i);
            answers.add(attackers.submit(() -> attacker.get(callback)));
        }
        awaitTokenCalls(MAX_CONCURRENT_CALLS);
        Thread.sleep(300); // every forged callback has reached the container by now

        CompletableFuture<Browser.Response> publicPage =
                CompletableFuture.supplyAsync(() -> new Browser(base).get("/public/about"));
        try {
            Browser.Response page = publicPage.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            assertEquals(200, page.status(), page.body());
        } catch (TimeoutException stalled) {
            fail("the public page did not answer within " + PATIENCE + " while " + emulator.stats().tokenRequests()
                    + " callbacks waited on DingTalk");
        }
        long stillWaiting = answers.stream().filter(answer -> !answer.isDone()).count();
        assertTrue(stillWaiting >= MAX_CONCURRENT_CALLS, "the page answered while callbacks were stuck on DingTalk");

        int busy = 0;
        for (Future<Browser.Response> answer : answers) {
            Browser.Response response = answer.get(REQUEST_TIMEOUT.plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
            assertTrue(response.status() == 503 || response.status() == 504, response.status() + response.body());
            if (response.status() == 503) {
                busy++;
                assertEquals("5", response.header("Retry-After"));
                assertTrue(response.body().contains("provider_busy"), response.body());
            }
        }
        assertEquals(FORGED_CALLBACKS - MAX_CONCURRENT_CALLS, busy);
        assertEquals(MAX_CONCURRENT_CALLS, emulator.stats().tokenRequests(), "token calls made to DingTalk");
    }

    private void awaitTokenCalls(int calls) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (emulator.stats().tokenRequests() < calls && System.nanoTime() < giveUp) {
            Thread.sleep(10);
        }
        assertTrue(emulator.stats().tokenRequests() >= calls, "the callbacks never reached DingTalk");
    }
}
