package io.github.dingtalkauth.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The steps of a DingTalk sign-in as a person takes them, over real HTTP: start at the application, approve (or deny)
 * on the emulator's consent page, follow DingTalk's redirect back to the callback.
 */
public final class SignIn {
    private static final Pattern TICKET = Pattern.compile("name=\"ticket\" value=\"([^\"]+)\"");

    private SignIn() {
    }

    /** A login sent to DingTalk: the authorize URL the application redirected to, and its state. */
    public record Started(String authorizeUrl, String state) {
    }

    /** Navigates to {@code path} (a protected page or the login URL) and expects the redirect to DingTalk. */
    public static Started start(Browser browser, String path) {
        Browser.Response response = browser.navigate(path);
        assertEquals(302, response.status(), () -> "expected a redirect to DingTalk from " + path);
        String location = response.location();
        assertNotNull(location);
        String state = response.locationParameter("state");
        assertNotNull(state, "authorize URL has a state");
        return new Started(location, state);
    }

    /** Approves on the consent page as {@code userKey}; returns the callback URL DingTalk redirects to. */
    public static String approve(Browser browser, Started started, String userKey) {
        return consent(browser, started.authorizeUrl(), "user=" + Query.encode(userKey));
    }

    /** Denies on the consent page; returns the callback URL carrying {@code error=access_denied}. */
    public static String deny(Browser browser, Started started) {
        return consent(browser, started.authorizeUrl(), "deny=1");
    }

    private static String consent(Browser browser, String authorizeUrl, String choice) {
        Browser.Response page = browser.navigate(authorizeUrl);
        assertEquals(200, page.status(), () -> "consent page: " + page.body());
        Matcher ticket = TICKET.matcher(page.body());
        assertTrue(ticket.find(), "consent page carries a ticket");
        URI authorize = URI.create(authorizeUrl);
        String approveUrl = authorize.getScheme() + "://" + authorize.getRawAuthority() + "/oauth2/approve";
        Browser.Response answer = browser.postForm(approveUrl, "ticket=" + Query.encode(ticket.group(1)) + "&" + choice);
        assertEquals(302, answer.status(), () -> "consent answer: " + answer.body());
        return answer.location();
    }

    /** Delivers DingTalk's redirect to the application, as the browser would. */
    public static Browser.Response callback(Browser browser, String callbackUrl) {
        return browser.navigate(callbackUrl);
    }

    /** A new browser at {@code base}, signed in as {@code userKey} from {@code path}. */
    public static Browser signedIn(URI base, String path, String userKey) {
        Browser browser = new Browser(base);
        Browser.Response done = signIn(browser, path, userKey);
        assertEquals(303, done.status(), done::body);
        return browser;
    }

    /** A whole sign-in from {@code path}; returns the callback's answer (a 303 on success). */
    public static Browser.Response signIn(Browser browser, String path, String userKey) {
        return callback(browser, approve(browser, start(browser, path), userKey));
    }
}
