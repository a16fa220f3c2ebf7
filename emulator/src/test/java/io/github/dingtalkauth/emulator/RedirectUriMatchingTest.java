package io.github.dingtalkauth.emulator;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exact matching by default; lenient matching, as for a registered callback domain, only when asked for. */
class RedirectUriMatchingTest extends AbstractEmulatorTest {

    private HttpResponse<String> authorizeTo(String redirectUri) throws Exception {
        return authorize(query(authorizeParams(redirectUri, "openid", "s")));
    }

    private static void assertAccepted(HttpResponse<String> page) {
        ticketIn(page);
    }

    private static void assertRefused(HttpResponse<String> page) {
        assertEquals(400, page.statusCode());
        assertTrue(page.body().contains("redirect_uri is not registered"), page.body());
    }

    @Test
    void anotherLoopbackHostIsRefusedByDefault() throws Exception {
        assertRefused(authorizeTo("http://127.0.0.1:8080/dingtalk/callback"));
    }

    @Test
    void lenientMatchingAcceptsTheRegisteredPathOnAnotherLoopbackHost() throws Exception {
        restartWith(b -> b.lenientRedirectUris());

        assertAccepted(authorizeTo("http://127.0.0.1:8080/dingtalk/callback"));
    }

    @Test
    void lenientMatchingAcceptsAnyPort() throws Exception {
        restartWith(b -> b.lenientRedirectUris());

        assertAccepted(authorizeTo("http://localhost:9999/dingtalk/callback"));
    }

    @Test
    void lenientMatchingAcceptsAnIpv6Loopback() throws Exception {
        restartWith(b -> b.lenientRedirectUris());

        assertAccepted(authorizeTo("http://[::1]:8080/dingtalk/callback"));
    }

    @Test
    void lenientMatchingRefusesAnotherPath() throws Exception {
        restartWith(b -> b.lenientRedirectUris());

        assertRefused(authorizeTo("http://127.0.0.1:8080/dingtalk/callback2"));
    }

    @Test
    void lenientMatchingRefusesAnAddedQuery() throws Exception {
        restartWith(b -> b.lenientRedirectUris());

        assertRefused(authorizeTo("http://127.0.0.1:8080/dingtalk/callback?next=x"));
    }

    @Test
    void lenientMatchingRefusesAForeignHost() throws Exception {
        restartWith(b -> b.lenientRedirectUris());

        assertRefused(authorizeTo("http://evil.invalid:8080/dingtalk/callback"));
    }

    @Test
    void lenientMatchingRefusesUserInfo() throws Exception {
        restartWith(b -> b.lenientRedirectUris());

        assertRefused(authorizeTo("http://evil.invalid@127.0.0.1:8080/dingtalk/callback"));
    }

    @Test
    void lenientMatchingAcceptsAConfiguredHost() throws Exception {
        restartWith(b -> b.lenientRedirectUris("intranet.example"));

        assertAccepted(authorizeTo("https://intranet.example/dingtalk/callback"));
    }

    @Test
    void lenientMatchingSendsTheBrowserBackToTheHostItCameFrom() throws Exception {
        restartWith(b -> b.lenientRedirectUris());
        String ticket = ticketIn(authorizeTo("http://127.0.0.1:8080/dingtalk/callback"));

        HttpResponse<String> approved = submitConsent("ticket=" + ticket + "&user=alice");

        assertTrue(approved.headers().firstValue("Location").orElseThrow()
                .startsWith("http://127.0.0.1:8080/dingtalk/callback?code="));
    }
}
