package io.github.dingtalkauth;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.emulator.Endpoint;
import io.github.dingtalkauth.emulator.Fault;
import io.github.dingtalkauth.support.Browser;
import io.github.dingtalkauth.support.Browser.Exchange;
import io.github.dingtalkauth.support.FilterFixture;
import io.github.dingtalkauth.support.LogCapture;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code maxConcurrentCalls}: while that many callbacks wait on DingTalk, the next one is refused at once with 503 and
 * {@code Retry-After}, DingTalk is not called, and its login stays in flight so that the same URL works later.
 */
class BulkheadTest extends FilterFixture {
    private final CountDownLatch tokenCallArrived = new CountDownLatch(1);
    private final CountDownLatch releaseTokenCall = new CountDownLatch(1);
    private LogCapture log;
    private CompletableFuture<Exchange> stuck;

    @Override
    protected String[] settings() {
        return new String[] {"excludePaths", "/, /public/*", "maxConcurrentCalls", "1"};
    }

    @BeforeEach
    void holdTheOnlyPermit() throws InterruptedException {
        log = LogCapture.start();
        // The first callback's token call waits in DingTalk until the test releases it, holding the only permit.
        dingtalk.setFaultOnce(Endpoint.TOKEN, Fault.whileAnswering(() -> {
            tokenCallArrived.countDown();
            try {
                releaseTokenCall.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        Browser first = container.browser();
        String state = startLogin(first, "/a");
        stuck = CompletableFuture.supplyAsync(
                () -> first.get("/dingtalk/callback?authCode=" + approve(state, "union-1") + "&state=" + state)
                        .send(filter));
        assertTrue(tokenCallArrived.await(10, TimeUnit.SECONDS), "the first callback never reached DingTalk");
        log.clear();
    }

    @AfterEach
    void release() {
        releaseTokenCall.countDown();
        stuck.join();
        log.close();
    }

    @Test
    void aCallbackWithNoPermitFreeGets503AtOnceWithoutCallingDingTalk() {
        String state = startLogin(browser, "/reports");
        Exchange busy = browser.get("/dingtalk/callback?authCode=" + approve(state, "alice") + "&state=" + state)
                .header("Accept-Language", "zh-CN;q=0.5, en;q=0.8").send(filter);
        assertAll(
                () -> assertEquals(503, busy.status(), busy::everything),
                () -> assertEquals("5", busy.header("Retry-After")),
                () -> assertTrue(busy.body().contains("Reason: provider_busy"), busy::body),
                () -> assertTrue(busy.body().contains("Reload this page") && !busy.body().contains("请几秒钟后刷新本页"),
                        busy::body),
                () -> assertEquals("no-store", busy.header("Cache-Control")),
                () -> assertEquals(1, dingtalk.stats().tokenRequests(), "only the stuck callback called DingTalk"),
                () -> assertFalse(busy.passedThrough()));
    }

    @Test
    void aRefusedCallbackLogsOneWarningWithTheReasonAndNoState() {
        String state = startLogin(browser, "/reports");
        log.clear();
        browser.get("/dingtalk/callback?authCode=" + approve(state, "alice") + "&state=" + state).send(filter);
        List<String> warnings = log.messages(Level.WARNING);
        assertEquals(1, warnings.size(), log::all);
        assertTrue(warnings.get(0).contains("reason=provider_busy"), log::all);
        assertFalse(log.all().contains(state), log::all);
    }

    @Test
    void aRefusedCallbackKeepsItsLoginSoTheSameUrlWorksOnceAPermitIsFree() {
        String state = startLogin(browser, "/reports");
        String url = "/dingtalk/callback?authCode=" + approve(state, "alice") + "&state=" + state;
        assertEquals(503, browser.get(url).send(filter).status());
        assertTrue(pending(browser).contains(state), "the state was not spent");

        releaseTokenCall.countDown();
        assertEquals(303, stuck.join().status(), "the stuck callback ends as DingTalk answered it");
        Exchange retried = browser.get(url).send(filter);
        assertEquals(303, retried.status(), retried::everything);
        assertEquals("/reports", retried.location());
    }

    @Test
    void aCallbackWhoseStateThisBrowserDoesNotHoldIsRefusedAsUnknownNotAsBusy() {
        startLogin(browser, "/reports");
        Exchange forged = browser.get("/dingtalk/callback?authCode=C2&state=" + "F".repeat(43)).send(filter);
        assertEquals(400, forged.status());
        assertTrue(forged.body().contains("Reason: state_unknown"), forged::body);
    }
}
