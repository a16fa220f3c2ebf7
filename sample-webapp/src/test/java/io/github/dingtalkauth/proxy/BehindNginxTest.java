package io.github.dingtalkauth.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.emulator.DingTalkEmulator;
import io.github.dingtalkauth.sample.SampleServer;
import io.github.dingtalkauth.testing.Browser;
import io.github.dingtalkauth.testing.Closing;
import io.github.dingtalkauth.testing.OsTool;
import io.github.dingtalkauth.testing.PublicSample;
import io.github.dingtalkauth.testing.SignIn;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sample behind Debian's nginx, which terminates TLS with a throw-away certificate and forwards plain HTTP on
 * loopback; the sample honours forwarded headers ({@code forwardedHeaders(true)}, as {@code SAMPLE_FORWARDED=true}),
 * and users (this test's browser, which trusts that one certificate only) know only {@code https://localhost:PORT}.
 */
@ExtendWith(NeedsNginx.class)
class BehindNginxTest {
    private static DingTalkEmulator emulator;
    private static SampleServer sample;
    private static Nginx nginx;
    private static TlsCertificate tls;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "nginx").toAbsolutePath());
        tls = TlsCertificate.makeIn(dir);
        emulator = DingTalkEmulator.builder().port(0).start();
        int samplePort = OsTool.freePort();
        nginx = Nginx.start(dir, tls, URI.create("http://127.0.0.1:" + samplePort));
        sample = PublicSample.at(nginx.base(), emulator).host("127.0.0.1").port(samplePort)
                .forwardedHeaders(true).start();
    }

    @AfterAll
    static void stop() throws Exception {
        Closing.all(nginx, sample, emulator);
    }

    private static final String[] FORGED = {"X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "http",
        "X-Forwarded-Port", "80", "X-Forwarded-Server", "evil.example", "Forwarded", "host=evil.example;proto=http"};

    private static Browser browser() {
        return new Browser(nginx.base(), tls.trustingIt());
    }

    /** True when the response sets a cookie whose name starts so, and every such cookie is Secure. */
    static boolean secure(Browser.Response response, String cookiePrefix) {
        List<String> set = response.setCookies().stream().filter(c -> c.startsWith(cookiePrefix)).toList();
        return !set.isEmpty() && set.stream().allMatch(c -> c.toLowerCase(Locale.ROOT).contains("; secure"));
    }

    /** Where a browser at the public origin goes with this answer's Location. */
    private static URI landing(Browser.Response response) {
        return response.uri().resolve(response.location());
    }

    @Test
    void theLoginAndSessionCookiesAreSecure() {
        Browser browser = browser();
        Browser.Response start = browser.navigate("/me");
        assertEquals(302, start.status(), start::body);
        assertTrue(secure(start, "DTLOGIN_"), () -> String.join("\n", start.setCookies()));
        SignIn.Started started = new SignIn.Started(start.location(), start.locationParameter("state"));
        Browser.Response done = SignIn.callback(browser, SignIn.approve(browser, started, "zhangsan"));
        assertEquals(303, done.status(), done::body);
        assertTrue(secure(done, "JSESSIONID="), () -> String.join("\n", done.setCookies()));
        assertEquals(200, browser.navigate("/me").status());
    }

    @Test
    void dingTalkIsSentToTheConfiguredRedirectUriWhateverForwardedHeadersSay() {
        Browser.Response start = browser().navigate("/me", FORGED);
        assertEquals(302, start.status(), start::body);
        assertEquals(nginx.base() + PublicSample.CALLBACK_PATH, start.locationParameter("redirect_uri"));
        assertTrue(secure(start, "DTLOGIN_"), "a client's X-Forwarded-Proto does not get past nginx");
    }

    /** Were they honoured, a forged origin would look like the application's own and pass the logout check. */
    @Test
    void aClientsForwardedHeadersDoNotGetPastNginx() {
        Browser.Response out = browser().postForm("/dingtalk/logout", "", "Origin", "https://evil.example",
                "X-Forwarded-Host", "evil.example", "Forwarded", "host=evil.example;proto=https");
        assertEquals(403, out.status(), out::body);
    }

    @Test
    void nginxAnswersNoOtherHostName() {
        assertThrows(UncheckedIOException.class, () -> browser().navigate("/me", "Host", "evil.example"));
    }

    @Test
    void afterSignInTheBrowserLandsOnThePublicHttpsOrigin() {
        Browser browser = browser();
        Browser.Response done = SignIn.signIn(browser, "/me?tab=1", "zhangsan");
        assertEquals(303, done.status(), done::body);
        assertEquals(URI.create(nginx.base() + "/me?tab=1"), landing(done));
    }

    @Test
    void signingOutLandsOnThePublicHttpsOrigin() {
        Browser browser = browser();
        assertEquals(303, SignIn.signIn(browser, "/me", "zhangsan").status());
        Browser.Response out = browser.postForm("/dingtalk/logout", "", "Origin", nginx.base().toString());
        assertEquals(303, out.status(), out::body);
        assertEquals(URI.create(nginx.base() + "/"), landing(out));
        assertEquals(401, browser.get("/api/me", "Accept", "application/json").status());
    }
}
