package io.github.dingtalkauth.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.client.DingTalkApiException.Kind;
import io.github.dingtalkauth.emulator.DingTalkEmulator;
import io.github.dingtalkauth.emulator.Endpoint;
import io.github.dingtalkauth.emulator.Fault;
import io.github.dingtalkauth.emulator.RecordedRequest;
import io.github.dingtalkauth.emulator.junit.DingTalkEmulatorExtension;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * App token and directory calls over the filter's {@link BackChannel} against the DingTalk emulator on 127.0.0.1, its
 * oapi answers typed as DingTalk's documentation prints them (every number a string).
 */
class OrgDirectoryHttpTest {
    static final String APP_KEY = "dingkey";
    static final String SECRET = "CANARY-SECRET-5";

    @RegisterExtension
    final DingTalkEmulatorExtension emulator = DingTalkEmulatorExtension.builder()
            .clientId(APP_KEY)
            .clientSecret(SECRET)
            .configure(b -> b.appTokenPrefix("CANARY-APP-").stringTypedAnswers(true))
            .build();

    final BackChannel transport = new BackChannel(Duration.ofSeconds(2));
    DingTalkEmulator dingtalk;
    OrgDirectory directory;
    /** 张三's unionId: a member of the emulator's organization (userid zhangsan), among its built-in users. */
    String zhangsan;

    @BeforeEach
    void start() {
        dingtalk = emulator.emulator();
        directory = directory(SECRET);
        zhangsan = dingtalk.users().stream().filter(u -> u.key().equals("zhangsan")).findFirst().orElseThrow()
                .unionId();
    }

    OrgDirectory directory(String secret) {
        AppTokenFetcher fetcher = new AppTokenFetcher(URI.create(dingtalk.apiBaseUrl()), APP_KEY, secret, transport);
        return new OrgDirectory(URI.create(dingtalk.oapiBaseUrl()), new AppTokenCache(fetcher), transport);
    }

    @AfterEach
    void stop() {
        transport.close();
    }

    static String token(RecordedRequest request) {
        String query = request.query();
        return query.startsWith("access_token=") ? query.substring("access_token=".length()) : null;
    }

    static JsonObject json(RecordedRequest request) {
        try (JsonReader reader = Json.createReader(new StringReader(request.body()))) {
            return reader.readObject();
        }
    }

    Membership membership() throws DingTalkApiException {
        return directory.membership(zhangsan, Deadline.in(Duration.ofSeconds(5)));
    }

    @Test
    void memberIsConfirmedWithStringTypedAnswers() throws Exception {
        assertEquals(Membership.member("zhangsan"), membership());
        RecordedRequest call = dingtalk.requests(Endpoint.USER_BY_UNIONID).get(0);
        assertEquals("access_token=CANARY-APP-1", call.query());
        assertEquals(zhangsan, json(call).getString("unionid"));
    }

    @Test
    void appTokenRequestCarriesTheSecretOnlyInTheBody() throws Exception {
        membership();
        RecordedRequest call = dingtalk.requests(Endpoint.APP_TOKEN).get(0);
        assertEquals("POST", call.method());
        assertEquals("", call.query());
        assertEquals(SECRET, json(call).getString("appSecret"));
    }

    @Test
    void revokedAppTokenIsReplacedAndTheCallRetriedOnce() throws Exception {
        membership();
        dingtalk.expireAppTokens(); // DingTalk no longer accepts CANARY-APP-1
        assertEquals(Membership.member("zhangsan"), membership());
        assertEquals(List.of("CANARY-APP-1", "CANARY-APP-1", "CANARY-APP-2"),
                dingtalk.requests(Endpoint.USER_BY_UNIONID).stream().map(OrgDirectoryHttpTest::token).toList());
        assertEquals(2, dingtalk.stats().appTokenRequests());
    }

    @Test
    void tokenRejectedTwiceFailsWithoutShowingTheToken() {
        dingtalk.setFault(Endpoint.USER_BY_UNIONID, Fault.oapiAuthError("40014", "不合法的access_token"));
        DingTalkApiException e = assertThrows(DingTalkApiException.class, this::membership);
        assertEquals("88", e.providerCode());
        assertFalse(e.getMessage().contains("CANARY"), e::getMessage);
        assertEquals(2, dingtalk.stats().unionIdLookups());
    }

    @Test
    void badAppCredentialsFailWithDingTalksCodeAndNoSecret() {
        directory = directory("CANARY-SECRET-WRONG");
        DingTalkApiException e = assertThrows(DingTalkApiException.class, this::membership);
        assertEquals(Kind.ERROR_STATUS, e.kind());
        assertEquals("invalidClientIdOrSecret", e.providerCode());
        assertFalse(e.getMessage().contains("CANARY"), e::getMessage);
        assertEquals(0, dingtalk.stats().unionIdLookups());
    }

    @Test
    void manyConcurrentLoginsOnAColdCacheFetchOneAppToken() throws Exception {
        // A slow token endpoint widens the window for concurrent callers.
        dingtalk.setFault(Endpoint.APP_TOKEN, Fault.delay(Duration.ofMillis(50)));
        AtomicInteger members = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Thread t = new Thread(() -> {
                try {
                    if (membership().isMember()) {
                        members.incrementAndGet();
                    }
                } catch (DingTalkApiException e) {
                    // counted as not a member below
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join(20_000);
        }
        assertEquals(40, members.get());
        assertEquals(1, dingtalk.stats().appTokenRequests());
    }

    @Test
    void employeeProfileIsReadOverHttp() throws Exception {
        Employee e = directory.employee("zhangsan", "en_US", Deadline.in(Duration.ofSeconds(5)));
        assertEquals("架构师", e.title());
        assertTrue(e.admin());
        assertEquals("en_US", json(dingtalk.requests(Endpoint.EMPLOYEE).get(0)).getString("language"));
    }
}
