package io.github.dingtalkauth.emulator;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthorizeEndpointTest extends AbstractEmulatorTest {

    private static final Pattern USER_BUTTON = Pattern.compile("<button name=\"user\" value=\"([^\"]+)\">");

    private static Map<String, String> validParams() {
        return authorizeParams(CALLBACK, "openid", "xyz");
    }

    /** A valid request with scope {@code openid corpid} and one more parameter. */
    private HttpResponse<String> authorizeCorpScopedWith(String name, String value) throws Exception {
        Map<String, String> params = authorizeParams(CALLBACK, "openid corpid", "xyz");
        params.put(name, value);
        return authorize(query(params));
    }

    private HttpResponse<String> authorizeWith(String name, String value) throws IOException, InterruptedException {
        Map<String, String> params = validParams();
        if (value == null) {
            params.remove(name);
        } else {
            params.put(name, value);
        }
        return authorize(query(params));
    }

    /** The refusal is a page naming the problem, never a redirect that could carry anything back to the client. */
    private static void assertRefused(HttpResponse<String> answer, String problem) {
        assertEquals(400, answer.statusCode());
        assertTrue(answer.headers().firstValue("Location").isEmpty());
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(answer.body().contains(problem), answer.body());
        assertFalse(TICKET.matcher(answer.body()).find());
    }

    @Test
    void validRequestShowsConsentPageWithEveryUserAndADenyButton() throws Exception {
        HttpResponse<String> page = authorize(query(validParams()));

        ticketIn(page);
        Matcher buttons = USER_BUTTON.matcher(page.body());
        for (EmulatorUser user : emulator.users()) {
            assertTrue(buttons.find());
            assertEquals(user.key(), buttons.group(1));
            assertTrue(page.body().contains(user.nick()));
            assertTrue(page.body().contains("src=\"/avatar/" + user.key() + ".svg\""));
        }
        assertTrue(page.body().contains("<button name=\"deny\" value=\"1\">Deny</button>"), page.body());
    }

    @Test
    void consentPageLoadsNothingFromOutside() throws Exception {
        HttpResponse<String> page = authorize(query(validParams()));

        assertFalse(page.body().contains("<script"));
        assertFalse(page.body().matches("(?s).*(src|href)=\"(https?:)?//.*"));
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"));
    }

    @Test
    void unknownClientIdIsRefused() throws Exception {
        assertRefused(authorizeWith("client_id", "someoneelse"), "client_id is not a known app");
    }

    @Test
    void missingPromptIsRefused() throws Exception {
        assertRefused(authorizeWith("prompt", null), "prompt is missing");
    }

    @Test
    void promptOtherThanConsentIsRefused() throws Exception {
        assertRefused(authorizeWith("prompt", "login"), "prompt must be consent");
    }

    @Test
    void commaSeparatedScopeIsRefused() throws Exception {
        assertRefused(authorizeWith("scope", "openid,corpid"), "not comma-separated");
    }

    @Test
    void unknownScopeIsRefused() throws Exception {
        assertRefused(authorizeWith("scope", "openid profile"), "scope must be openid or openid corpid");
    }

    @Test
    void responseTypeOtherThanCodeIsRefused() throws Exception {
        assertRefused(authorizeWith("response_type", "token"), "response_type must be code");
    }

    @Test
    void unregisteredRedirectUriIsRefused() throws Exception {
        assertRefused(authorizeWith("redirect_uri", "https://evil.test/cb"), "redirect_uri is not registered");
    }

    @Test
    void redirectUriMustMatchExactly() throws Exception {
        assertRefused(authorizeWith("redirect_uri", CALLBACK + "/"), "redirect_uri is not registered");
        assertRefused(authorizeWith("redirect_uri", CALLBACK + "?x=1"), "redirect_uri is not registered");
    }

    @Test
    void nonceIsRefused() throws Exception {
        assertRefused(authorizeWith("nonce", "n"), "nonce is not supported");
    }

    @Test
    void codeChallengeIsRefused() throws Exception {
        assertRefused(authorizeWith("code_challenge", "abc"), "code_challenge is not supported");
    }

    @Test
    void repeatedParameterIsRefused() throws Exception {
        assertRefused(authorize(query(validParams()) + "&state=other"), "state is repeated");
    }

    @Test
    void reflectedValuesAreEscaped() throws Exception {
        HttpResponse<String> answer = authorizeWith("redirect_uri", "https://x.test/<script>alert(1)</script>");

        assertRefused(answer, "&lt;script&gt;");
        assertFalse(answer.body().contains("<script>"));
    }

    @Test
    void openidCorpidScopeIsAccepted() throws Exception {
        ticketIn(authorizeWith("scope", "openid corpid"));
    }

    @Test
    void openidPlusCorpidScopeIsAccepted() throws Exception {
        ticketIn(authorize(query(validParams()).replace("scope=openid", "scope=openid+corpid")));
    }

    @Test
    void corpIdParameterWithCorpidScopeIsShownOnTheConsentPage() throws Exception {
        HttpResponse<String> page = authorizeCorpScopedWith("corpId", "ding<pre>");

        ticketIn(page);
        assertTrue(page.body().contains("Pre-selected organization: ding&lt;pre&gt;"), page.body());
    }

    @Test
    void corpIdParameterWithoutCorpidScopeIsRefused() throws Exception {
        assertRefused(authorizeWith("corpId", "dingabc"), "corpId is allowed only with scope openid corpid");
    }

    @Test
    void orgTypeManagementWithCorpidScopeIsAccepted() throws Exception {
        ticketIn(authorizeCorpScopedWith("org_type", "management"));
    }

    @Test
    void orgTypeOtherThanManagementIsRefused() throws Exception {
        assertRefused(authorizeCorpScopedWith("org_type", "all"), "org_type must be management");
    }

    @Test
    void exclusiveLoginIsAcceptedAndShown() throws Exception {
        Map<String, String> params = validParams();
        params.put("exclusiveLogin", "true");
        params.put("exclusiveCorpId", "dingexclusive");

        HttpResponse<String> page = authorize(query(params));

        ticketIn(page);
        assertTrue(page.body().contains("Exclusive account login: dingexclusive"), page.body());
    }

    @Test
    void exclusiveLoginOtherThanABooleanIsRefused() throws Exception {
        assertRefused(authorizeWith("exclusiveLogin", "yes"), "exclusiveLogin must be true or false");
    }

    @Test
    void repeatedCorpIdIsRefused() throws Exception {
        Map<String, String> params = authorizeParams(CALLBACK, "openid corpid", "xyz");
        params.put("corpId", "dinga");

        assertRefused(authorize(query(params) + "&corpId=dingb"), "corpId is repeated");
    }

    @Test
    void consentPageTellsMembersExternalContactsAndOutsidersApart() throws Exception {
        String page = authorize(query(validParams())).body();

        assertTrue(page.matches("(?s).*张三</b><small>member ·.*"), page);
        assertTrue(page.contains("Sun Ba (external contact)</b><small>external contact ·"), page);
        assertTrue(page.contains("Zhou Qi (another company)</b><small>not in the organization ·"), page);
    }

    @Test
    void consentPageTellsThemApartInChineseForAChineseBrowser() throws Exception {
        String page = inLanguage(emulator.authorizeUrl() + "?" + query(validParams()), "zh-CN,zh;q=0.9,en;q=0.8")
                .body();

        assertTrue(page.matches("(?s).*张三</b><small>本组织成员 ·.*"), page);
        assertTrue(page.contains("Sun Ba (external contact)</b><small>外部联系人 ·"), page);
        assertTrue(page.contains("Zhou Qi (another company)</b><small>非本组织 ·"), page);
    }

    @Test
    void consentPageIsInOneLanguageChosenByAcceptLanguage() throws Exception {
        String url = emulator.authorizeUrl() + "?" + query(validParams());
        HttpResponse<String> chinese = inLanguage(url, "en;q=0.5, zh-CN");
        HttpResponse<String> english = inLanguage(url, "zh;q=0.1, en-US");

        assertTrue(chinese.body().contains("<html lang=\"zh-CN\">"), chinese.body());
        assertTrue(chinese.body().contains(">拒绝</button>") && !chinese.body().contains("Deny"), chinese.body());
        assertTrue(english.body().contains("<html lang=\"en\">"), english.body());
        assertTrue(english.body().contains(">Deny</button>") && !english.body().contains("拒绝"), english.body());
        assertEquals("Accept-Language", chinese.headers().firstValue("Vary").orElse(""));
    }

    @Test
    void errorPageIsInTheBrowsersLanguageWithTheProblemAsIs() throws Exception {
        String url = emulator.authorizeUrl() + "?" + query(Map.of("client_id", "someoneelse"));
        String chinese = inLanguage(url, "zh").body();
        String english = inLanguage(url, "en").body();

        assertTrue(chinese.contains("<html lang=\"zh-CN\">") && chinese.contains("登录请求无效"), chinese);
        assertTrue(english.contains("<html lang=\"en\">") && english.contains("Invalid login request"), english);
        assertFalse(english.contains("登录请求无效") || chinese.contains("Invalid login request"));
    }

    private static HttpResponse<String> inLanguage(String url, String acceptLanguage) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Accept-Language", acceptLanguage));
    }

    @Test
    void redirectUriRegisteredAfterStartIsAccepted() throws Exception {
        String late = "http://127.0.0.1:45678/late/callback";
        assertRefused(authorizeWith("redirect_uri", late), "redirect_uri is not registered");

        emulator.registerRedirectUri(late);

        ticketIn(authorizeWith("redirect_uri", late));
    }

    @Test
    void approveRedirectsWithEqualCodeAndAuthCodeAndTheState() throws Exception {
        String location = approve("lisi", "openid", "st-123");

        assertTrue(location.startsWith(CALLBACK + "?code="), location);
        Map<String, String> params = queryOf(location);
        assertEquals(params.get("code"), params.get("authCode"));
        assertTrue(params.get("code").matches("[0-9a-f]{32}"), params.get("code"));
        assertEquals("st-123", params.get("state"));
    }

    @Test
    void approveOmitsStateWhenNoneWasSent() throws Exception {
        String location = approve("lisi", "openid", null);

        assertFalse(queryOf(location).containsKey("state"));
    }

    @Test
    void approveAppendsToARedirectUriThatHasAQuery() throws Exception {
        String withQuery = "http://localhost:8080/cb?tenant=a";
        emulator.registerRedirectUri(withQuery);
        Map<String, String> params = validParams();
        params.put("redirect_uri", withQuery);
        String ticket = ticketIn(authorize(query(params)));

        String location = submitConsent("ticket=" + ticket + "&user=alice").headers().firstValue("Location")
                .orElseThrow();

        assertTrue(location.startsWith(withQuery + "&code="), location);
    }

    @Test
    void denyRedirectsWithAccessDeniedAndTheState() throws Exception {
        String ticket = openConsent("openid", "st-9");

        HttpResponse<String> answer = submitConsent("ticket=" + ticket + "&deny=1");

        assertEquals(302, answer.statusCode());
        assertEquals(CALLBACK + "?error=access_denied&state=st-9", answer.headers().firstValue("Location").get());
    }

    @Test
    void ticketWorksOnlyOnce() throws Exception {
        String ticket = openConsent("openid", "s");
        assertEquals(302, submitConsent("ticket=" + ticket + "&user=alice").statusCode());

        HttpResponse<String> again = submitConsent("ticket=" + ticket + "&user=zhangsan");

        assertRefused(again, "expired or was already used");
    }

    @Test
    void denyUsesTheTicketUpToo() throws Exception {
        String ticket = openConsent("openid", "s");
        submitConsent("ticket=" + ticket + "&deny=1");

        assertRefused(submitConsent("ticket=" + ticket + "&user=alice"), "expired or was already used");
    }

    @Test
    void unknownTicketIsRefused() throws Exception {
        assertRefused(submitConsent("ticket=0123456789abcdef&user=alice"), "expired or was already used");
    }

    @Test
    void expiredTicketIsRefused() throws Exception {
        String ticket = openConsent("openid", "s");

        clock.advance(Duration.ofMinutes(11));

        assertRefused(submitConsent("ticket=" + ticket + "&user=alice"), "expired or was already used");
    }

    @Test
    void unknownUserIsRefusedAndLeavesTheTicketUsable() throws Exception {
        String ticket = openConsent("openid", "s");

        assertRefused(submitConsent("ticket=" + ticket + "&user=mallory"), "no such user");
        assertEquals(302, submitConsent("ticket=" + ticket + "&user=alice").statusCode());
    }

    @Test
    void consentOutlivesAVeryShortCodeLifetime() throws Exception {
        restartWith(b -> b.clock(Clock.systemUTC()).codeTtl(Duration.ofMillis(1)));

        assertEquals(302, submitConsent("ticket=" + openConsent("openid", "s") + "&user=alice").statusCode());
    }

    @Test
    void nonGetAuthorizeIsRefused() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(
                URI.create(emulator.authorizeUrl() + "?" + query(validParams())))
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertEquals(405, answer.statusCode());
        assertTrue(answer.headers().firstValue("Location").isEmpty());
    }
}
