package io.github.dingtalkauth.e2e;

import io.github.dingtalkauth.emulator.DingTalkEmulator;
import io.github.dingtalkauth.sample.SampleServer;
import io.github.dingtalkauth.testing.Browser;
import java.net.URI;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The sign-in scenarios on Jetty 12: the sample WAR through {@link SampleServer} in dev mode, at the root context. */
class JettySignInTest extends SignInScenarios {
    private static final Pattern REMOTE_USER =
            Pattern.compile("<code>request\\.getRemoteUser\\(\\)</code></td><td><code>([^<]*)</code>");

    static DingTalkEmulator emulator;
    private static SampleServer server;

    @BeforeAll
    static void start() throws Exception {
        startWith(builder -> builder);
    }

    /** Starts the emulator and the sample with these settings laid over dev mode's. */
    static void startWith(UnaryOperator<SampleServer.Builder> settings) throws Exception {
        emulator = DingTalkEmulator.builder().port(0).start();
        try {
            server = settings.apply(SampleServer.builder().port(0).emulator(emulator)).start();
        } catch (Exception | Error e) {
            emulator.close();
            throw e;
        }
    }

    @AfterAll
    static void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            emulator.close();
        }
    }

    @Override
    protected URI base() {
        return server.baseUri();
    }

    @Override
    protected String contextPath() {
        return "";
    }

    @Override
    protected DingTalkEmulator emulator() {
        return emulator;
    }

    @Override
    protected String protectedPage() {
        return "/me";
    }

    @Override
    protected String publicPage() {
        return "/public/about.html";
    }

    /** The sample's /me prints a table row per servlet API call; an empty value shows as a dash, not a code. */
    @Override
    protected String remoteUser(Browser.Response page) {
        Matcher m = REMOTE_USER.matcher(page.body());
        return page.status() == 200 && m.find() ? m.group(1) : null;
    }
}
