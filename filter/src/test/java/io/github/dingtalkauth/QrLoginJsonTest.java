package io.github.dingtalkauth;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.support.Browser;
import io.github.dingtalkauth.support.Browser.Exchange;
import io.github.dingtalkauth.support.Filters;
import io.github.dingtalkauth.support.FrameOptions;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/**
 * {@code GET loginPath} with {@code Accept: application/json}: DTFrameLogin's parameters for an application that
 * draws its own login page, in the default {@code loginPage=redirect} mode too.
 */
class QrLoginJsonTest extends GuardFixture {

    @Override
    protected String[] settings() {
        return new String[] {"excludePaths", "/, /public/*"};
    }

    private Exchange parameters(Browser b, String uri) {
        return b.get(uri).header("Accept", "application/json").send(filter);
    }

    private static JsonObject json(Exchange exchange) {
        return Json.createReader(new StringReader(exchange.body())).readObject();
    }

    @Test
    void theAnswerCarriesTheFrameParametersUncached() {
        Exchange answer = parameters(browser, "/dingtalk/login?returnTo=%2Freports");
        JsonObject body = json(answer);
        JsonObject options = body.getJsonObject("loginOptions");
        assertAll(() -> assertEquals(200, answer.status(), answer::everything),
                () -> assertTrue(answer.header("Content-Type").startsWith("application/json")),
                () -> assertEquals("no-store", answer.header("Cache-Control")),
                () -> assertEquals(QrLoginPageTest.SCRIPT, body.getString("scriptUrl")),
                () -> assertEquals(Filters.REDIRECT_URI, body.getString("redirectUri")),
                () -> assertEquals("/dingtalk/login?mode=redirect&returnTo=%2Freports", body.getString("fallbackUrl")),
                () -> assertEquals(Filters.REDIRECT_URI, options.getString("redirect_uri")),
                () -> assertEquals(Filters.APP_ID, options.getString("client_id")),
                () -> assertEquals("code", options.getString("response_type")),
                () -> assertEquals("consent", options.getString("prompt")));
    }

    @Test
    void eachAnswerHasAFreshStateWithItsLoginCookie() {
        String first = json(parameters(browser, "/dingtalk/login?returnTo=%2Freports"))
                .getJsonObject("loginOptions").getString("state");
        String second = json(parameters(browser, "/dingtalk/login")).getJsonObject("loginOptions").getString("state");
        assertAll(() -> assertNotEquals(first, second),
                () -> assertTrue(pending(browser).contains(first)),
                () -> assertTrue(pending(browser).contains(second)),
                () -> assertEquals("/reports", pending(browser).targetOf(first)),
                () -> assertEquals(0, container.sessionCount(), "no session before sign-in"));
    }

    @Test
    void theStateSignsInOnceInThisBrowserOnly() {
        JsonObject options = json(parameters(browser, "/dingtalk/login?returnTo=%2Freports"))
                .getJsonObject("loginOptions");
        String callback = dingtalk.approve(FrameOptions.authorizeUrl(options), "alice");
        String path = callback.substring(callback.indexOf("/dingtalk/callback"));
        Browser twin = container.browser();
        browser.cookies().forEach(twin::setCookie); // the same login cookie, to replay the spent state with
        Exchange elsewhere = container.browser().get(path).send(filter);
        Exchange done = browser.get(path).send(filter);
        Exchange replay = twin.get(path).send(filter);
        assertAll(() -> assertEquals(400, elsewhere.status(), "another browser holds no login cookie"),
                () -> assertEquals(303, done.status(), done::everything),
                () -> assertEquals("/reports", done.location()),
                () -> assertEquals(400, replay.status(), replay::everything),
                () -> assertEquals(1, dingtalk.stats().tokenRequests(), "DingTalk was asked once"));
    }

    @Test
    void aPageNavigationNeverGetsJson() {
        Exchange start = browser.navigate("/dingtalk/login").header("Accept", "text/html, application/json")
                .send(filter);
        assertEquals(302, start.status(), start::everything);
    }

    @Test
    void severalAllowedOrganizationsMakeTheParametersUnavailable() throws Exception {
        filter.destroy();
        filter = start(container, Filters.params(dingtalk, "allowedCorpIds", "dingA,dingB"));
        Exchange answer = parameters(browser, "/dingtalk/login");
        assertAll(() -> assertEquals(404, answer.status(), answer::everything),
                () -> assertEquals("{\"error\":\"qr_login_unavailable\"}", answer.body()),
                () -> assertEquals(0, pending(browser).size(), "no login was started"));
    }
}
