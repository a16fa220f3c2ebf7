package io.github.dingtalkauth.flow;

import io.github.dingtalkauth.client.CallLimiter;
import io.github.dingtalkauth.config.DingTalkConfig;
import io.github.dingtalkauth.config.Settings;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;

/**
 * How an anonymous page navigation starts a sign-in (setting {@code inAppLogin}, chosen once at start-up): always
 * with the redirect to DingTalk, or, inside DingTalk's client, with the silent in-app sign-in ({@link InAppSignIn}),
 * which owns a path of its own.
 */
public interface InAppLogin {

    /** Whether {@code path} is {@code inAppPath}, where the in-app sign-in page sends its code. */
    boolean owns(String path);

    /** A request to {@code inAppPath}. */
    void handle(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException;

    /** An unauthenticated navigation to a protected page: sign in, and come back to that very page. */
    void startFor(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException;

    /** The way the settings name, with the filter's shared parts. */
    static InAppLogin of(DingTalkConfig config, LoginStarter login, OrganizationStep organization,
                         Failures failures, Clock clock, CallLimiter calls) {
        return config.get(Settings.IN_APP_LOGIN)
                ? InAppSignIn.create(config, login, organization, failures, clock, calls)
                : new RedirectOnly(login);
    }

    /** {@code inAppLogin=false}: every navigation is sent to DingTalk, and there is no in-app path. */
    record RedirectOnly(LoginStarter login) implements InAppLogin {
        @Override
        public boolean owns(String path) {
            return false;
        }

        @Override
        public void handle(HttpServletRequest request, HttpServletResponse response) {
            throw new IllegalStateException("no inAppPath without inAppLogin");
        }

        @Override
        public void startFor(HttpServletRequest request, HttpServletResponse response)
                throws IOException, ServletException {
            login.startFor(request, response);
        }
    }
}
