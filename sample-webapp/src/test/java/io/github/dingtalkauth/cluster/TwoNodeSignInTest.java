package io.github.dingtalkauth.cluster;

import static io.github.dingtalkauth.cluster.RoundRobin.SERVED_BY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.emulator.DingTalkEmulator;
import io.github.dingtalkauth.emulator.Endpoint;
import io.github.dingtalkauth.sample.SampleServer;
import io.github.dingtalkauth.testing.Browser;
import io.github.dingtalkauth.testing.Closing;
import io.github.dingtalkauth.testing.MovableClock;
import io.github.dingtalkauth.testing.PublicSample;
import io.github.dingtalkauth.testing.SignIn;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two nodes of the sample on Jetty 12 sharing their sessions through Jetty's JDBC session store on a real PostgreSQL,
 * behind a round robin with no stickiness: every request goes to the other node than the one before.
 */
@ExtendWith(SharedPostgres.class)
class TwoNodeSignInTest {
    private static final MovableClock CLOCK = new MovableClock();
    private static final Duration RECHECK = Duration.ofHours(1);

    private static DingTalkEmulator emulator;
    private static RoundRobin balancer;
    private static SampleServer nodeA;
    private static SampleServer nodeB;

    @BeforeAll
    static void start(Postgres postgres) throws Exception {
        emulator = DingTalkEmulator.builder().port(0).start();
        balancer = RoundRobin.start();
        nodeA = node(postgres, "nodeA");
        nodeB = node(postgres, "nodeB");
        Map<String, java.net.URI> nodes = new LinkedHashMap<>();
        nodes.put("A", nodeA.baseUri());
        nodes.put("B", nodeB.baseUri());
        balancer.route(nodes);
    }

    /** Members only, re-checked hourly: a re-check changes the session, which the other node must then see. */
    private static SampleServer node(Postgres postgres, String worker) throws Exception {
        return PublicSample.at(balancer.base(), emulator).port(0).clock(CLOCK)
                .setting("allowedCorpIds", emulator.corpId())
                .setting("memberRecheck", "1h")
                .jettyServer(JdbcSessions.in(postgres, worker))
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        Closing.all(nodeA, nodeB, balancer, emulator);
    }

    private static Browser browser() {
        return new Browser(balancer.base());
    }

    private static String servedBy(Browser.Response response) {
        return response.header(SERVED_BY);
    }

    /** Signed in as 张三, the login started on node A and finished on node B. */
    private static Browser signedIn() {
        Browser browser = browser();
        balancer.nextGoesTo("A");
        Browser.Response done = SignIn.signIn(browser, "/me", "zhangsan");
        assertEquals(303, done.status(), done::body);
        assertEquals("B", servedBy(done));
        return browser;
    }

    private static void assertSignedIn(Browser.Response page, String node) {
        assertEquals(node, servedBy(page));
        assertEquals(200, page.status(), () -> "node " + node + ": " + page.body());
        assertTrue(page.body().contains("张三"), page::body);
    }

    @Test
    void aLoginStartedOnOneNodeFinishesOnTheOther() {
        Browser browser = browser();
        balancer.nextGoesTo("A");
        SignIn.Started started = SignIn.start(browser, "/me?from=a");
        String callback = SignIn.approve(browser, started, "zhangsan");
        Browser.Response done = SignIn.callback(browser, callback);
        assertEquals("B", servedBy(done));
        assertEquals(303, done.status(), done::body);
        assertEquals("/me?from=a", done.location());
    }

    @Test
    void bothNodesServeTheSignedInUsersPages() {
        Browser browser = signedIn();
        balancer.nextGoesTo("A");
        assertSignedIn(browser.navigate("/me"), "A");
        assertSignedIn(browser.navigate("/me"), "B");
        Browser.Response apiOnA = browser.get("/api/me", "Accept", "application/json");
        Browser.Response apiOnB = browser.get("/api/me", "Accept", "application/json");
        assertEquals(200, apiOnA.status());
        assertEquals(apiOnA.body(), apiOnB.body(), "both nodes read the same principal");
    }

    @Test
    void signingOutOnOneNodeEndsTheSessionOnTheOther() {
        Browser browser = signedIn();
        String session = browser.cookie("JSESSIONID");
        balancer.nextGoesTo("A");
        assertEquals(200, browser.get("/api/me", "Accept", "application/json").status(), "signed in on A");
        Browser.Response out = browser.postForm("/dingtalk/logout", "", "Origin", balancer.base().toString());
        assertEquals("B", servedBy(out));
        assertEquals(303, out.status(), out::body);
        browser.setCookie("JSESSIONID", session); // even a browser that kept the old cookie
        Browser.Response onA = browser.get("/api/me", "Accept", "application/json");
        assertEquals("A", servedBy(onA));
        assertEquals(401, onA.status(), onA::body);
    }

    @Test
    void twoTabsThatStartOnDifferentNodesBothFinish() {
        Browser browser = browser(); // one browser: both tabs share its cookies
        balancer.nextGoesTo("A");
        SignIn.Started first = SignIn.start(browser, "/me?tab=1");
        SignIn.Started second = SignIn.start(browser, "/me?tab=2");
        String firstCallback = SignIn.approve(browser, first, "zhangsan");
        String secondCallback = SignIn.approve(browser, second, "zhangsan");
        Browser.Response secondDone = SignIn.callback(browser, secondCallback);
        Browser.Response firstDone = SignIn.callback(browser, firstCallback);
        assertEquals("A", servedBy(secondDone), "the tab started on B finishes on A");
        assertEquals("B", servedBy(firstDone), "the tab started on A finishes on B");
        assertEquals("/me?tab=2", secondDone.location(), secondDone::body);
        assertEquals("/me?tab=1", firstDone.location(), firstDone::body);
        assertSignedIn(browser.navigate("/me"), "A");
        assertSignedIn(browser.navigate("/me"), "B");
    }

    /**
     * A membership re-check on node A changes the session; node B must read that change from the store rather than
     * from a copy of its own, or it would ask DingTalk again.
     */
    @Test
    void aSessionChangeMadeOnOneNodeIsSeenOnTheOther() {
        Browser browser = signedIn();
        CLOCK.advance(RECHECK.plusMinutes(1));
        int before = emulator.requests(Endpoint.USER_BY_UNIONID).size();
        balancer.nextGoesTo("A");
        assertSignedIn(browser.navigate("/me"), "A");
        assertEquals(before + 1, emulator.requests(Endpoint.USER_BY_UNIONID).size(), "A re-checks the membership");
        assertSignedIn(browser.navigate("/me"), "B");
        assertSignedIn(browser.navigate("/me"), "A");
        assertEquals(before + 1, emulator.requests(Endpoint.USER_BY_UNIONID).size(), "nobody re-checks it again");
    }
}
