package io.github.dingtalkauth.emulator;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DingTalkEmulatorTest extends AbstractEmulatorTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertTrue(emulator.baseUrl().matches("http://127\\.0\\.0\\.1:\\d+"), emulator.baseUrl());
        assertEquals(emulator.baseUrl() + "/oauth2/auth", emulator.authorizeUrl());
        assertEquals(emulator.baseUrl(), emulator.apiBaseUrl());
        assertEquals("http://127.0.0.1:" + emulator.port(), emulator.baseUrl());
        assertEquals("dingemulatorclient", emulator.clientId());
        assertEquals("emulator-secret", emulator.clientSecret());
        assertEquals(List.of(CALLBACK), emulator.redirectUris());
    }

    @Test
    void oapiBaseUrlIsAPathOfItsOwnOnTheSameServer() {
        assertEquals(emulator.baseUrl() + "/oapi", emulator.oapiBaseUrl());
        assertEquals(emulator.oapiBaseUrl() + "/topapi/user/getbyunionid", emulator.url(Endpoint.USER_BY_UNIONID));
        assertEquals(emulator.apiBaseUrl() + "/v1.0/oauth2/accessToken", emulator.url(Endpoint.APP_TOKEN));
    }

    @Test
    void corpAppTokenUrlNamesTheHomeOrganization() {
        assertEquals(emulator.apiBaseUrl() + "/v1.0/oauth2/" + emulator.corpId() + "/token",
                emulator.url(Endpoint.CORP_APP_TOKEN));
    }

    @Test
    void homeOrganizationIsConfigurable() throws Exception {
        restartWith(b -> b.corpId("dingcafe0000000000000000"));

        assertEquals("dingcafe0000000000000000", emulator.corpId());
        assertEquals("dingcafe0000000000000000", user("zhangsan").corpId());
    }

    @Test
    void membersGetTheHomeCorpIdAndOthersKeepTheirOwn() {
        assertEquals(DingTalkEmulatorBuilder.DEFAULT_CORP_ID, user("wangfang").corpId());
        assertEquals("ding0d3e7a91c2b54f68a1e9c7b3d5f20e84", user("zhouqi").corpId());
    }

    @Test
    void usersWithTheSameUseridAreRefused() {
        EmulatorUser a = new EmulatorUser("a", "ua", null, "A", null, null, null, null, null, false,
                Membership.member("same"));
        EmulatorUser b = new EmulatorUser("b", "ub", null, "B", null, null, null, null, null, false,
                Membership.member("same"));

        assertThrows(IllegalArgumentException.class, () -> DingTalkEmulator.builder().users(List.of(a, b)));
    }

    @Test
    void countersCountEveryStep() throws Exception {
        profile(accessTokenFor("alice"));
        submitConsent("ticket=" + openConsent("openid", "s") + "&deny=1");
        profile("not-a-token");

        assertEquals(new Stats(2, 1, 1, 1, 1, 2, 1, 0, 0, 0, 0, 0), emulator.stats());
    }

    @Test
    void connectionsCountsKeptAliveConnectionsOnceAndNewOnesAgain() throws Exception {
        emulator.reset();
        get(emulator.baseUrl() + "/no-such-page");
        get(emulator.baseUrl() + "/no-such-page");
        assertEquals(1, emulator.connections());

        HttpClient another = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        another.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/no-such-page")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(2, emulator.connections());

        emulator.reset();
        assertEquals(0, emulator.connections());
    }

    @Test
    void requestLogRecordsMethodPathQueryHeadersAndBody() throws Exception {
        String code = codeFor("alice");
        emulator.reset();

        exchange(code);

        List<RecordedRequest> requests = emulator.requests();
        assertEquals(1, requests.size());
        RecordedRequest token = requests.get(0);
        assertEquals("POST", token.method());
        assertEquals("/v1.0/oauth2/userAccessToken", token.path());
        assertEquals("", token.query());
        assertEquals(List.of("application/json"), token.headers().get("content-type"));
        assertEquals("application/json", token.header("Content-Type").orElseThrow());
        assertEquals(tokenRequest(code), token.body());
    }

    @Test
    void requestLogKeepsTheRawQuery() throws Exception {
        String query = authorizeQuery("openid corpid", "a b");

        authorize(query);

        assertEquals(query, emulator.requests().get(0).query());
    }

    @Test
    void requestLogIncludesUnknownPaths() throws Exception {
        HttpResponse<String> answer = get(emulator.baseUrl() + "/nowhere?x=1");

        assertEquals(404, answer.statusCode());
        assertEquals("/nowhere", emulator.requests().get(0).path());
    }

    @Test
    void resetClearsCountersRequestsAndFaultsButKeepsIssuedCodes() throws Exception {
        String code = codeFor("alice");
        emulator.setFault(Endpoint.TOKEN, Fault.html500());

        emulator.reset();

        assertEquals(new Stats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), emulator.stats());
        assertEquals(List.of(), emulator.requests());
        assertEquals(200, exchange(code).statusCode());
    }

    @Test
    void usersHaveAvatarsServedByTheEmulator() throws Exception {
        EmulatorUser zhangsan = emulator.users().get(0);
        assertEquals(emulator.baseUrl() + "/avatar/zhangsan.svg", zhangsan.avatarUrl());

        HttpResponse<String> avatar = get(zhangsan.avatarUrl());

        assertEquals(200, avatar.statusCode());
        assertEquals("image/svg+xml;charset=utf-8", avatar.headers().firstValue("Content-Type").orElse(""));
        assertTrue(avatar.body().startsWith("<svg") && avatar.body().contains(">张三</text>"), avatar.body());
    }

    @Test
    void unknownAvatarIsNotFound() throws Exception {
        assertEquals(404, get(emulator.baseUrl() + "/avatar/nobody.svg").statusCode());
    }

    @Test
    void initialsFollowDingTalksStyle() {
        assertEquals("张三", AvatarHandler.initials("张三"));
        assertEquals("娜娜", AvatarHandler.initials("欧阳娜娜"));
        assertEquals("AC", AvatarHandler.initials("Alice Chen"));
        assertEquals("WF", AvatarHandler.initials("wang  fang"));
    }

    @Test
    void latencyDelaysButDoesNotChangeAnswers() throws Exception {
        restartWith(b -> b.latency(Duration.ofMillis(20)));

        assertEquals(200, exchange(codeFor("alice")).statusCode());
    }

    @Test
    void nonLoopbackHostIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> DingTalkEmulator.builder().host("192.0.2.1").start());
    }

    @Test
    void closeFreesThePort() throws IOException {
        int port = emulator.port();

        emulator.close();

        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(port, socket.getLocalPort());
        }
    }

    @Test
    void closeLeavesNoServerThreadsBehind() throws Exception {
        Set<Thread> before = serverThreads();
        restartWith(b -> b);
        for (int i = 0; i < 5; i++) {
            exchange(codeFor("alice"));
        }

        emulator.close();

        Instant deadline = Instant.now().plusSeconds(5);
        Set<Thread> left = serverThreads();
        left.removeAll(before);
        while (!left.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
            left = serverThreads();
            left.removeAll(before);
        }
        assertEquals(Set.of(), left);
    }

    private static Set<Thread> serverThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("dingtalk-emulator-") || t.getName().equals("HTTP-Dispatcher"))
                .filter(Thread::isAlive)
                .collect(Collectors.toSet());
    }
}
