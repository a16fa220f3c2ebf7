package io.github.dingtalkauth.client;

import static io.github.dingtalkauth.support.FakeDingTalk.json;
import static io.github.dingtalkauth.support.FakeDingTalk.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.client.DingTalkApiException.Kind;
import io.github.dingtalkauth.support.FakeDingTalk;
import io.github.dingtalkauth.support.FakeDingTalk.Recorded;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** App token and directory calls over the filter's {@link BackChannel} against a scripted DingTalk on 127.0.0.1. */
class OrgDirectoryHttpTest {
    static final String SECRET = "CANARY-SECRET-5";

    final FakeDingTalk dingtalk = FakeDingTalk.start();
    final Set<String> validTokens = ConcurrentHashMap.newKeySet();
    final AtomicInteger issued = new AtomicInteger();
    final BackChannel transport = new BackChannel(Duration.ofSeconds(2));
    final OrgDirectory directory = new OrgDirectory(dingtalk.baseUrl(),
            new AppTokenCache(new AppTokenFetcher(dingtalk.baseUrl(), "dingkey", SECRET, transport)), transport);

    OrgDirectoryHttpTest() {
        dingtalk.on(AppTokenFetcher.PATH, (exchange, request) -> {
            String token = "CANARY-APP-" + issued.incrementAndGet();
            validTokens.add(token);
            Thread.sleep(50); // a slow token endpoint widens the window for concurrent callers
            send(exchange, 200, "application/json", "{\"accessToken\":\"" + token + "\",\"expireIn\":\"7200\"}");
        });
        // As DingTalk's own documentation prints it: every number a string.
        dingtalk.on(OrgDirectory.GET_BY_UNION_ID, (exchange, request) -> send(exchange, 200, "application/json",
                validTokens.contains(token(request))
                        ? "{\"errcode\":\"0\",\"errmsg\":\"ok\",\"result\":{\"contact_type\":\"0\",\"userid\":\"zhangsan\"}}"
                        : "{\"errcode\":88,\"sub_code\":\"40014\",\"errmsg\":\"不合法的access_token\"}"));
    }

    @AfterEach
    void stop() {
        transport.close();
        dingtalk.close();
    }

    static String token(Recorded request) {
        String query = request.rawQuery();
        return query != null && query.startsWith("access_token=") ? query.substring("access_token=".length()) : null;
    }

    Membership membership() throws DingTalkApiException {
        return directory.membership("z21HjQliSzpw0Yxxxx", Deadline.in(Duration.ofSeconds(5)));
    }

    @Test
    void memberIsConfirmedWithStringTypedAnswers() throws Exception {
        assertEquals(Membership.member("zhangsan"), membership());
        Recorded call = dingtalk.requests(OrgDirectory.GET_BY_UNION_ID).get(0);
        assertEquals("access_token=CANARY-APP-1", call.rawQuery());
        assertEquals("z21HjQliSzpw0Yxxxx", call.json().getString("unionid"));
    }

    @Test
    void appTokenRequestCarriesTheSecretOnlyInTheBody() throws Exception {
        membership();
        Recorded call = dingtalk.requests(AppTokenFetcher.PATH).get(0);
        assertEquals("POST", call.method());
        assertEquals(null, call.rawQuery());
        assertEquals(SECRET, call.json().getString("appSecret"));
    }

    @Test
    void revokedAppTokenIsReplacedAndTheCallRetriedOnce() throws Exception {
        membership();
        validTokens.clear(); // DingTalk no longer accepts CANARY-APP-1
        assertEquals(Membership.member("zhangsan"), membership());
        assertEquals(List.of("CANARY-APP-1", "CANARY-APP-1", "CANARY-APP-2"),
                dingtalk.requests(OrgDirectory.GET_BY_UNION_ID).stream().map(OrgDirectoryHttpTest::token).toList());
        assertEquals(2, dingtalk.hits(AppTokenFetcher.PATH));
    }

    @Test
    void tokenRejectedTwiceFailsWithoutShowingTheToken() {
        dingtalk.on(OrgDirectory.GET_BY_UNION_ID, json(200, "{\"errcode\":88,\"sub_code\":\"40014\"}"));
        DingTalkApiException e = assertThrows(DingTalkApiException.class, this::membership);
        assertEquals("88", e.providerCode());
        assertFalse(e.getMessage().contains("CANARY"), e::getMessage);
        assertEquals(2, dingtalk.hits(OrgDirectory.GET_BY_UNION_ID));
    }

    @Test
    void badAppCredentialsFailWithDingTalksCodeAndNoSecret() {
        dingtalk.on(AppTokenFetcher.PATH, json(400, "{\"code\":\"invalidClientIdOrSecret\",\"requestid\":\"R\"}"));
        DingTalkApiException e = assertThrows(DingTalkApiException.class, this::membership);
        assertEquals(Kind.ERROR_STATUS, e.kind());
        assertEquals("invalidClientIdOrSecret", e.providerCode());
        assertFalse(e.getMessage().contains("CANARY"), e::getMessage);
        assertEquals(0, dingtalk.hits(OrgDirectory.GET_BY_UNION_ID));
    }

    @Test
    void manyConcurrentLoginsOnAColdCacheFetchOneAppToken() throws Exception {
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
        assertEquals(1, dingtalk.hits(AppTokenFetcher.PATH));
    }

    @Test
    void employeeProfileIsReadOverHttp() throws Exception {
        dingtalk.on(OrgDirectory.USER_GET, json(200, OrgDirectoryTest.EMPLOYEE));
        Employee e = directory.employee("zhangsan", "en_US", Deadline.in(Duration.ofSeconds(5)));
        assertEquals("架构师", e.title());
        assertTrue(e.admin());
        assertEquals("en_US", dingtalk.requests(OrgDirectory.USER_GET).get(0).json().getString("language"));
    }
}
