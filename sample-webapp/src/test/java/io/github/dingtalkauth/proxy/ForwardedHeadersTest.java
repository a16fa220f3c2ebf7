package io.github.dingtalkauth.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.emulator.DingTalkEmulator;
import io.github.dingtalkauth.sample.SampleServer;
import io.github.dingtalkauth.testing.Browser;
import io.github.dingtalkauth.testing.Closing;
import io.github.dingtalkauth.testing.PublicSample;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Forwarded headers sent straight to the sample, as anyone who can reach it could: ignored by default, and honoured
 * only with {@code forwardedHeaders(true)} (the control, which shows the forgery would otherwise work).
 */
class ForwardedHeadersTest {
    private static final URI PUBLIC = URI.create("https://intranet.example.com");
    private static final String[] FORGED = {"X-Forwarded-Proto", "https", "X-Forwarded-Host", "evil.example"};

    private static DingTalkEmulator emulator;
    private static SampleServer plain;
    private static SampleServer forwarding;

    @BeforeAll
    static void start() throws Exception {
        emulator = DingTalkEmulator.builder().port(0).start();
        plain = PublicSample.at(PUBLIC, emulator).port(0).start();
        forwarding = PublicSample.at(PUBLIC, emulator).port(0).forwardedHeaders(true).start();
    }

    @AfterAll
    static void stop() throws Exception {
        Closing.all(plain, forwarding, emulator);
    }

    private static Browser.Response loginStart(SampleServer sample) {
        return new Browser(sample.baseUri()).navigate("/me", FORGED);
    }

    /** A logout posted from evil.example, claiming through forwarded headers to be at evil.example. */
    private static Browser.Response forgedOriginLogout(SampleServer sample) {
        return new Browser(sample.baseUri()).postForm("/dingtalk/logout", "", "Origin", "https://evil.example",
                FORGED[0], FORGED[1], FORGED[2], FORGED[3]);
    }

    @Test
    void byDefaultAForgedProtoDoesNotMakeThePlainHttpRequestSecure() {
        Browser.Response start = loginStart(plain);
        assertEquals(302, start.status());
        List<String> login = start.setCookies().stream().filter(c -> c.startsWith("DTLOGIN_")).toList();
        assertEquals(1, login.size(), () -> String.join("\n", start.setCookies()));
        assertFalse(login.get(0).toLowerCase(Locale.ROOT).contains("; secure"), login.get(0));
    }

    @Test
    void byDefaultAForgedHostCannotPassTheLogoutOriginCheck() {
        assertEquals(403, forgedOriginLogout(plain).status());
    }

    @Test
    void byDefaultTheRedirectUriIsTheConfiguredOne() {
        assertEquals(PUBLIC + PublicSample.CALLBACK_PATH, loginStart(plain).locationParameter("redirect_uri"));
    }

    @Test
    void evenWhenToldToTheRedirectUriIsTheConfiguredOneWhateverHostSays() {
        Browser.Response start = new Browser(forwarding.baseUri()).navigate("/me", "Host", "evil.example",
                FORGED[0], FORGED[1], FORGED[2], FORGED[3]);
        assertEquals(PUBLIC + PublicSample.CALLBACK_PATH, start.locationParameter("redirect_uri"));
    }

    @Test
    void whenToldToTheSampleBelievesTheProto() {
        assertTrue(BehindNginxTest.secure(loginStart(forwarding), "DTLOGIN_"));
    }

    @Test
    void whenToldToTheSampleBelievesTheHostSoOnlyTheProxyMayReachIt() {
        assertEquals(303, forgedOriginLogout(forwarding).status());
    }
}
