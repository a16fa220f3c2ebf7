package io.github.dingtalkauth.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.emulator.DingTalkEmulator;
import io.github.dingtalkauth.sample.SampleServer;
import io.github.dingtalkauth.testing.Browser;
import io.github.dingtalkauth.testing.Closing;
import io.github.dingtalkauth.testing.OsTool;
import io.github.dingtalkauth.testing.PublicSample;
import io.github.dingtalkauth.testing.SignIn;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One node of the sample, sessions in PostgreSQL, restarted on its port: a login in flight lives in the browser's
 * signed cookie and a sign-in in the database, so neither is lost with the node's memory.
 */
@ExtendWith(SharedPostgres.class)
class NodeRestartTest {
    private static Postgres postgres;
    private static DingTalkEmulator emulator;
    private static URI base;
    private static SampleServer node;

    @BeforeAll
    static void start(Postgres shared) throws Exception {
        postgres = shared;
        emulator = DingTalkEmulator.builder().port(0).start();
        base = URI.create("http://localhost:" + OsTool.freePort());
        node = startNode();
    }

    private static SampleServer startNode() throws Exception {
        return PublicSample.at(base, emulator).port(base.getPort())
                .jettyServer(JdbcSessions.in(postgres, "node0")).start();
    }

    private static void restart() throws Exception {
        node.close();
        node = startNode();
    }

    @AfterAll
    static void stop() throws Exception {
        Closing.all(node, emulator);
    }

    @Test
    void aLoginStartedBeforeARestartFinishesAfterIt() throws Exception {
        Browser browser = new Browser(base);
        SignIn.Started started = SignIn.start(browser, "/me?before=restart");
        String callback = SignIn.approve(browser, started, "lisi");
        restart();
        Browser.Response done = SignIn.callback(browser, callback);
        assertEquals(303, done.status(), done::body);
        assertEquals("/me?before=restart", done.location());
        Browser.Response page = browser.navigate("/me");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("李四"), page::body);
    }

    @Test
    void aSignInSurvivesARestartWithTheWholePrincipal() throws Exception {
        Browser browser = SignIn.signedIn(base, "/me", "zhangsan");
        Browser.Response before = browser.get("/api/me", "Accept", "application/json");
        assertEquals(200, before.status());
        restart();
        Browser.Response after = browser.get("/api/me", "Accept", "application/json");
        assertEquals(200, after.status(), after::body);
        assertEquals(before.body(), after.body());
    }
}
