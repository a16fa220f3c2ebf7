package io.github.dingtalkauth.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dingtalkauth.emulator.DingTalkEmulator;
import io.github.dingtalkauth.sample.SampleServer;
import io.github.dingtalkauth.testing.Browser;
import io.github.dingtalkauth.testing.SignIn;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every sign-in scenario again with {@code flow=legacy} (GitLab's flow): state, single use, return targets, session
 * id and logout hold for the legacy endpoints too, whose signature and timestamp the emulator checks.
 */
class LegacyJettySignInTest extends JettySignInTest {
    private static SampleServer openIdNamed;

    /** Hides {@link JettySignInTest#start()}: the same sample, with {@code flow=legacy}. */
    @BeforeAll
    static void start() throws Exception {
        startWith(builder -> builder.setting("flow", "legacy"));
        openIdNamed = SampleServer.builder().port(0).emulator(emulator).setting("flow", "legacy")
                .setting("principalName", "openId").start();
    }

    @AfterAll
    static void stopLegacy() throws Exception {
        openIdNamed.close();
    }

    @Override
    protected String authorizePage() {
        return emulator().legacyAuthorizeUrl();
    }

    @Test
    void principalNameOpenIdMakesGitLabsUidTheName() {
        Browser browser = new Browser(openIdNamed.baseUri());
        Browser.Response done = SignIn.signIn(browser, "/me", "zhangsan");
        assertEquals(303, done.status(), done.body());

        JsonObject me = SignInScenarios.json(browser.get("/api/me", "Accept", "application/json").body());

        String legacyOpenId = user("zhangsan").legacyOpenId();
        assertEquals(legacyOpenId, me.getString("name"));
        assertEquals(legacyOpenId, me.getString("openId"));
    }
}
