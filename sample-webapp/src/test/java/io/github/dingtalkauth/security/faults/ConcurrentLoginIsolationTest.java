package io.github.dingtalkauth.security.faults;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dingtalkauth.emulator.DingTalkEmulator;
import io.github.dingtalkauth.emulator.EmulatorUser;
import io.github.dingtalkauth.emulator.Membership;
import io.github.dingtalkauth.emulator.Endpoint;
import io.github.dingtalkauth.emulator.RecordedRequest;
import io.github.dingtalkauth.emulator.Stats;
import io.github.dingtalkauth.sample.SampleServer;
import io.github.dingtalkauth.testing.Browser;
import io.github.dingtalkauth.testing.SignIn;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Identity isolation under load (checklist I1, E7): 200 concurrent logins by 50 people, each login in its own browser,
 * on a bounded pool. Guards against the classic "one user's token or profile held app-wide" bug, which passes every
 * single-user test and signs people in as each other under load.
 */
class ConcurrentLoginIsolationTest {
    private static final int USERS = 50;
    private static final int LOGINS = 200;
    private static final int THREADS = 24;

    private static DingTalkEmulator emulator;
    private static SampleServer server;
    private static List<EmulatorUser> users;

    @BeforeAll
    static void start() throws Exception {
        users = IntStream.rangeClosed(1, USERS)
                .mapToObj(i -> new EmulatorUser(String.format("user%02d", i), String.format("union%02dZ", i),
                        String.format("open%02dZ", i), String.format("用户 %02d", i), null, null, null, null, null,
                        false, Membership.member(String.format("user%02d", i))))
                .toList();
        emulator = DingTalkEmulator.builder().users(users).codePrefix("ISO-CODE-").tokenPrefix("ISO-AT-").start();
        server = SampleServer.builder().port(0).emulator(emulator).start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void twoHundredConcurrentLoginsOfFiftyUsersEachSeeOnlyTheirOwnIdentityWithOneExchangePerCode() throws Exception {
        emulator.reset();
        List<Browser> browsers = new ArrayList<>();
        List<Future<String>> seenAtLogin = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int i = 0; i < LOGINS; i++) {
                Browser browser = new Browser(server.baseUri());
                EmulatorUser user = userOf(i);
                browsers.add(browser);
                seenAtLogin.add(pool.submit(() -> {
                    Browser.Response done = SignIn.signIn(browser, "/me", user.key());
                    if (done.status() != 303) {
                        return "login failed with " + done.status();
                    }
                    return unionIdSeenBy(browser);
                }));
            }
            pool.shutdown();
            if (!pool.awaitTermination(60, TimeUnit.SECONDS)) {
                throw new AssertionError("200 logins did not finish within 60 s");
            }
        } finally {
            pool.shutdownNow();
        }

        // Asked once every login is done, so that a later login overwriting an earlier one shows up too.
        List<String> crossings = new ArrayList<>();
        for (int i = 0; i < LOGINS; i++) {
            String expected = userOf(i).unionId();
            String atLogin = seenAtLogin.get(i).get();
            String afterAll = unionIdSeenBy(browsers.get(i));
            if (!expected.equals(atLogin) || !expected.equals(afterAll)) {
                crossings.add("login " + i + " as " + expected + ": right after login " + atLogin
                        + ", after all logins " + afterAll);
            }
        }
        Set<String> sessions = browsers.stream().map(b -> b.cookie("JSESSIONID")).collect(Collectors.toSet());
        Stats stats = emulator.stats();
        List<String> codes = emulator.requests().stream()
                .filter(r -> r.path().equals(Endpoint.TOKEN.path()))
                .map(RecordedRequest::body)
                .map(body -> parse(body).getString("code"))
                .toList();

        assertAll(
                () -> assertEquals(List.of(), crossings, "sessions showing another user"),
                () -> assertEquals(LOGINS, sessions.size(), "distinct session cookies"),
                () -> assertEquals(LOGINS, stats.tokenRequests(), "token requests"),
                () -> assertEquals(LOGINS, stats.tokenSuccesses(), "token successes"),
                () -> assertEquals(LOGINS, stats.profileSuccesses(), "profile successes"),
                () -> assertEquals(LOGINS, stats.unionIdLookups(), "membership lookups (dev mode allows one org)"),
                () -> assertEquals(1, stats.appTokenRequests(), "one app token for every login"),
                () -> assertEquals(LOGINS, codes.size(), "recorded token requests"),
                () -> assertEquals(LOGINS, Set.copyOf(codes).size(), "distinct codes presented"));
    }

    private static EmulatorUser userOf(int login) {
        return users.get(login % USERS);
    }

    private static String unionIdSeenBy(Browser browser) {
        Browser.Response me = browser.get("/api/me", "Accept", "application/json");
        return me.status() == 200 ? parse(me.body()).getString("unionId") : "status " + me.status();
    }

    private static JsonObject parse(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
