package io.github.dingtalkauth.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.github.dingtalkauth.emulator.DingTalkEmulator;
import io.github.dingtalkauth.emulator.Endpoint;
import io.github.dingtalkauth.testing.Flow;
import io.github.dingtalkauth.emulator.Stats;
import io.github.dingtalkauth.sample.SampleServer;
import io.github.dingtalkauth.testing.Browser;
import io.github.dingtalkauth.testing.Query;
import io.github.dingtalkauth.testing.SignIn;
import java.net.URI;
import java.time.Clock;

/**
 * The sample application with the filter, on embedded Jetty, in front of its own DingTalk emulator, both over real
 * HTTP on loopback. The emulator issues canary values ({@code CANARY-CODE-n}, {@code CANARY-AT-n},
 * {@value #SECRET}), so that any of them showing up in an answer to the browser is easy to spot. It runs in either
 * sign-in {@link Flow}: the suite's classes run their scenarios in both (the {@code Legacy…Test} subclasses).
 */
final class SecurityApp implements AutoCloseable {
    static final String SECRET = "CANARY-SECRET-7f3a";
    static final String CANARY = "CANARY-";
    static final String SESSION_COOKIE = "JSESSIONID";
    static final String LOGIN = "/dingtalk/login";
    static final String CALLBACK = "/dingtalk/callback";
    static final String LOGOUT = "/dingtalk/logout";

    private final Flow flow;
    private final DingTalkEmulator emulator;
    private final SampleServer server;

    private SecurityApp(Flow flow, DingTalkEmulator emulator, SampleServer server) {
        this.flow = flow;
        this.emulator = emulator;
        this.server = server;
    }

    /** Starts emulator and application; {@code settings} are key/value pairs such as {@code "stateTtl", "2s"}. */
    static SecurityApp start(String... settings) throws Exception {
        return start(Flow.OAUTH2, Clock.systemUTC(), settings);
    }

    /** As {@link #start(String...)}, with the filter reading {@code clock}, which a test may move on. */
    static SecurityApp start(Clock clock, String... settings) throws Exception {
        return start(Flow.OAUTH2, clock, settings);
    }

    /** As {@link #start(String...)}, in {@code flow}. */
    static SecurityApp start(Flow flow, String... settings) throws Exception {
        return start(flow, Clock.systemUTC(), settings);
    }

    /** As {@link #start(Flow, String...)}, with the filter reading {@code clock}. */
    static SecurityApp start(Flow flow, Clock clock, String... settings) throws Exception {
        DingTalkEmulator emulator = DingTalkEmulator.builder()
                .codePrefix("CANARY-CODE-").tokenPrefix("CANARY-AT-").clientSecret(SECRET).start();
        try {
            SampleServer.Builder builder = SampleServer.builder().port(0).emulator(emulator).clock(clock)
                    .setting("flow", flow.setting());
            for (int i = 0; i < settings.length; i += 2) {
                builder.setting(settings[i], settings[i + 1]);
            }
            return new SecurityApp(flow, emulator, builder.start());
        } catch (Exception | Error e) {
            emulator.close();
            throw e;
        }
    }

    URI base() {
        return server.baseUri();
    }

    Flow flow() {
        return flow;
    }

    /** Another application in the same flow, for a scenario that needs other settings or a clock of its own. */
    SecurityApp another(Clock clock, String... settings) throws Exception {
        return start(flow, clock, settings);
    }

    /** The callback's code parameter as DingTalk sends it in this flow: {@code authCode=…} or {@code code=…}. */
    String codeQuery(String code) {
        return flow.codeParameter() + "=" + code;
    }

    /** Where this flow redeems the callback's code: the token endpoint, or {@code sns/getuserinfo_bycode}. */
    Endpoint exchange() {
        return flow.exchange();
    }

    /** Profile calls one sign-in makes: none in the legacy flow, whose one exchange answers with the identity. */
    int profileCallsPerSignIn() {
        return flow.profileCallsPerSignIn();
    }

    /** The login page the filter sends the browser to in this flow. */
    String authorizeUrl() {
        return flow.authorizeUrl(emulator);
    }

    /** The redirect URI the application is configured with (and registered with the emulator). */
    String redirectUri() {
        return base() + CALLBACK;
    }

    DingTalkEmulator emulator() {
        return emulator;
    }

    Stats stats() {
        return emulator.stats();
    }

    /** A new person with an empty cookie jar. */
    Browser browser() {
        return new Browser(base());
    }

    /** The callback URL with exactly this raw query. */
    String callback(String rawQuery) {
        return base() + CALLBACK + "?" + rawQuery;
    }

    /** A login as DingTalk sees it after the user approved: the state, the code, and DingTalk's redirect back. */
    record Approved(String state, String code, String callbackUrl) {
    }

    /** Starts a login at {@code path} in {@code browser} and approves it at DingTalk as {@code user}. */
    Approved approved(Browser browser, String path, String user) {
        return approve(browser, SignIn.start(browser, path), user);
    }

    Approved approve(Browser browser, SignIn.Started started, String user) {
        String callbackUrl = SignIn.approve(browser, started, user);
        String query = URI.create(callbackUrl).getRawQuery();
        String code = Query.parameter(query, flow.codeParameter());
        assertNotNull(code, () -> "DingTalk's redirect carries " + flow.codeParameter());
        assertEquals(started.state(), Query.parameter(query, "state"), "DingTalk returns the state as it is");
        return new Approved(started.state(), code, callbackUrl);
    }

    /** A whole sign-in that must succeed; returns the callback's 303. */
    Browser.Response signIn(Browser browser, String path, String user) {
        Browser.Response done = SignIn.callback(browser, approved(browser, path, user).callbackUrl());
        assertEquals(303, done.status(), done::body);
        return done;
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            emulator.close();
        }
    }
}
