package io.github.dingtalkauth;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.support.Browser;
import io.github.dingtalkauth.support.Browser.Exchange;
import io.github.dingtalkauth.support.Filters;
import io.github.dingtalkauth.web.SignedInRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** {@code require.} rules: a signed-in person without a listed role gets 403; a rule also closes an excluded path. */
class PathRuleTest extends GuardFixture {
    static final DingTalkPrincipal ROOT = new DingTalkPrincipal("union-root", "open-root", "Root", null, null, null,
            null, null);

    @Override
    protected String[] settings() {
        return new String[] {"excludePaths", "/, /public/*, *.css",
            "role.admin", "userId:zhangsan", "role.staff", "member",
            "require./admin/*", "admin", "require./public/board/*", "staff"};
    }

    @Override
    protected Function<DingTalkPrincipal, Set<String>> roles() {
        return principal -> principal.getUnionId().equals(ROOT.getUnionId()) ? Set.of("admin", "staff") : Set.of();
    }

    @Test
    void navigationWithoutTheRoleGetsTheForbiddenPage() {
        Exchange exchange = signedIn(ALICE).navigate("/admin/users").header("Accept-Language", "en").send(filter);
        assertFalse(exchange.passedThrough());
        assertEquals(403, exchange.status(), exchange::everything);
        assertTrue(exchange.header("Content-Type").startsWith("text/html"), exchange::everything);
        assertAll(() -> assertTrue(exchange.body().contains("<html lang=\"en\">"), exchange::body),
                () -> assertTrue(exchange.body().contains("Access denied"), exchange::body),
                () -> assertTrue(exchange.body().contains("Reason: role_required"), exchange::body),
                () -> assertTrue(exchange.body().contains("href=\"/\""), exchange::body));
    }

    @Test
    void forbiddenPageIsNotCachedAndRunsNoScript() {
        Exchange exchange = signedIn(ALICE).navigate("/admin/users").send(filter);
        assertEquals("no-store", exchange.header("Cache-Control"));
        assertTrue(exchange.header("Content-Security-Policy").startsWith("default-src 'none';"),
                exchange::everything);
    }

    @Test
    void forbiddenPageShowsNothingOfThePersonOrThePath() {
        String body = signedIn(ALICE).navigate("/admin/users?q=%3Cscript%3E").send(filter).body();
        for (String leak : List.of("union-alice", "Alice", "alice@example.com", "/admin", "<script")) {
            assertFalse(body.contains(leak), () -> leak + " in " + body);
        }
    }

    @Test
    void apiCallWithoutTheRoleGetsForbiddenJson() {
        Exchange exchange = signedIn(ALICE).get("/admin/users").header("Accept", "application/json").send(filter);
        assertFalse(exchange.passedThrough());
        assertEquals(403, exchange.status());
        assertEquals("application/json;charset=UTF-8", exchange.header("Content-Type"));
        assertEquals("{\"error\":\"forbidden\"}", exchange.body());
        assertEquals("no-store", exchange.header("Cache-Control"));
    }

    @Test
    void personWithTheRolePasses() {
        Exchange exchange = signedIn(ROOT).navigate("/admin/users").send(filter);
        SignedInRequest seen = assertInstanceOf(SignedInRequest.class, exchange.passedOn());
        assertSame(ROOT, seen.getUserPrincipal());
    }

    @Test
    void pathsNoRuleNamesAreOpenToEverySignedInPerson() {
        Exchange exchange = signedIn(ALICE).navigate("/reports").send(filter);
        assertInstanceOf(SignedInRequest.class, exchange.passedOn());
    }

    @Test
    void refusalLogsOneWarningWithTheReasonCodeAndNothingAboutThePerson() {
        signedIn(ALICE).navigate("/admin/users").send(filter);
        List<String> warnings = log.messages(Level.WARNING);
        assertEquals(1, warnings.size(), log::all);
        assertTrue(warnings.get(0).contains("reason=role_required"), log::all);
        for (String personal : List.of("union-alice", "Alice", "alice@example.com", "13800000000", "/admin")) {
            assertFalse(log.all().contains(personal), () -> personal + " logged: " + log.all());
        }
    }

    @Test
    void anonymousNavigationToAnExcludedPathARuleNamesSignsInFirst() {
        Exchange exchange = browser.navigate("/public/board/news").send(filter);
        assertFalse(exchange.passedThrough());
        assertEquals(302, exchange.status());
        assertTrue(exchange.location().startsWith(AUTHORIZE + "?"), exchange::location);
    }

    @Test
    void anonymousApiCallToAnExcludedPathARuleNamesGets401() {
        Exchange exchange = browser.get("/public/board/news").header("Accept", "application/json").send(filter);
        assertEquals(401, exchange.status());
        assertFalse(exchange.passedThrough());
    }

    @Test
    void signedInPersonWithoutTheRoleIsRefusedOnAnExcludedPathARuleNames() {
        assertEquals(403, signedIn(ALICE).navigate("/public/board/news").send(filter).status());
    }

    @Test
    void excludedPathsNoRuleNamesStayPublic() {
        Exchange exchange = browser.navigate("/public/info").send(filter);
        assertSame(exchange.request(), exchange.passedOn());
    }

    @Test
    void withoutRolesFromSignInNobodyPassesARule() throws Exception {
        filter.destroy();
        filter = Filters.start(new DingTalkAuthFilter(
                Filters.settings(Filters.params(dingtalk, settings())).build().withClock(clock)), container, Map.of());
        Browser root = signedIn(ROOT);
        assertEquals(403, root.navigate("/admin/users").send(filter).status());
    }
}
