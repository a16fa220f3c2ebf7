package io.github.dingtalkauth.client;

import static io.github.dingtalkauth.support.FakeDingTalk.PROFILE_PATH;
import static io.github.dingtalkauth.support.FakeDingTalk.TOKEN_PATH;
import static io.github.dingtalkauth.support.FakeDingTalk.html;
import static io.github.dingtalkauth.support.FakeDingTalk.json;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.client.DingTalkApiException.Kind;
import io.github.dingtalkauth.support.FakeDingTalk;
import io.github.dingtalkauth.support.FakeDingTalk.Recorded;
import io.github.dingtalkauth.support.FakeDingTalk.Script;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The back channel against a real HTTP server on 127.0.0.1 that answers as scripted. */
class DingTalkClientTest {
    static final String APP_ID = "dingappkey123";
    static final String SECRET = "CANARY-SECRET-7f3a";
    static final String CODE = "CANARY-CODE-1";
    static final String TOKEN = "CANARY-AT-1";
    static final String TOKEN_OK =
            "{\"accessToken\":\"" + TOKEN + "\",\"refreshToken\":\"CANARY-RT-1\",\"expireIn\":7200}";
    static final String PROFILE_OK = "{\"nick\":\"zhangsan\",\"avatarUrl\":\"https://img.example/a.png\","
            + "\"mobile\":\"150xxxx9144\",\"openId\":\"123\",\"unionId\":\"z21HjQliSzpw0Yxxxx\","
            + "\"email\":\"zhangsan@example.com\",\"stateCode\":\"86\",\"visitor\":false}";

    FakeDingTalk dingtalk;
    BackChannel channel;
    DingTalkClient client;

    @BeforeEach
    void start() {
        dingtalk = FakeDingTalk.start();
        channel = new BackChannel(Duration.ofSeconds(2));
        client = new DingTalkClient(dingtalk.baseUrl(), APP_ID, SECRET, channel);
    }

    @AfterEach
    void stop() {
        channel.close();
        dingtalk.close();
    }

    static Deadline in(Duration duration) {
        return Deadline.in(duration);
    }

    static Deadline soon() {
        return in(Duration.ofSeconds(5));
    }

    AccessGrant exchange() throws DingTalkApiException {
        return client.exchangeCode(CODE, soon());
    }

    DingTalkProfile profile() throws DingTalkApiException {
        return client.fetchProfile(new AccessGrant(TOKEN, null), soon());
    }

    /** Asserts the call fails with this kind and that its message, which goes to the log, leaks no canary. */
    static DingTalkApiException fails(Kind kind, Executable call) {
        DingTalkApiException e = assertThrows(DingTalkApiException.class, call);
        assertEquals(kind, e.kind(), e::getMessage);
        assertFalse(e.getMessage().contains("CANARY"), e::getMessage);
        assertFalse(String.valueOf(e.providerCode()).contains("CANARY"), e::getMessage);
        return e;
    }

    // ---------------------------------------------------------------------------------------------------- success

    @Test
    void tokenRequestIsAJsonPostWithExactlyTheFourDocumentedFields() throws Exception {
        dingtalk.on(TOKEN_PATH, json(200, TOKEN_OK));
        exchange();
        Recorded request = dingtalk.requests(TOKEN_PATH).get(0);
        JsonObject body = request.json();
        assertAll(
                () -> assertEquals("POST", request.method()),
                () -> assertEquals("application/json", request.header("Content-Type")),
                () -> assertEquals(Set.of("clientId", "clientSecret", "code", "grantType"), body.keySet()),
                () -> assertEquals(APP_ID, body.getString("clientId")),
                () -> assertEquals(SECRET, body.getString("clientSecret")),
                () -> assertEquals(CODE, body.getString("code")),
                () -> assertEquals("authorization_code", body.getString("grantType")),
                () -> assertNull(request.rawQuery(), "nothing secret in the URL"),
                () -> assertNull(request.header("Authorization")));
    }

    @Test
    void codeIsSerialisedAsJsonNotConcatenated() throws Exception {
        dingtalk.on(TOKEN_PATH, json(200, TOKEN_OK));
        client.exchangeCode("x\",\"clientId\":\"other", soon());
        JsonObject body = dingtalk.requests(TOKEN_PATH).get(0).json();
        assertEquals(APP_ID, body.getString("clientId"));
        assertEquals("x\",\"clientId\":\"other", body.getString("code"));
    }

    @Test
    void tokenAnswerGivesTheAccessTokenAndCorpId() throws Exception {
        dingtalk.on(TOKEN_PATH, json(200,
                "{\"accessToken\":\"" + TOKEN + "\",\"expireIn\":7200,\"corpId\":\"dingcorp1\"}"));
        AccessGrant grant = exchange();
        assertEquals(TOKEN, grant.accessToken());
        assertEquals("dingcorp1", grant.corpId());
        assertFalse(grant.toString().contains(TOKEN), grant::toString);
    }

    @Test
    void profileIsReadWithTheDingTalkHeaderNotAuthorization() throws Exception {
        dingtalk.on(PROFILE_PATH, json(200, PROFILE_OK));
        client.fetchProfile(new AccessGrant(TOKEN, "dingcorp1"), soon());
        Recorded request = dingtalk.requests(PROFILE_PATH).get(0);
        assertEquals("GET", request.method());
        assertEquals(TOKEN, request.header("x-acs-dingtalk-access-token"));
        assertNull(request.header("Authorization"));
        assertNull(request.rawQuery());
    }

    @Test
    void profileHoldsEveryDocumentedField() throws Exception {
        dingtalk.on(PROFILE_PATH, json(200, PROFILE_OK));
        DingTalkProfile p = client.fetchProfile(new AccessGrant(TOKEN, "dingcorp1"), soon());
        assertEquals(new DingTalkProfile("z21HjQliSzpw0Yxxxx", "123", "zhangsan", "https://img.example/a.png",
                "zhangsan@example.com", "150xxxx9144", "86"), p);
        assertFalse(p.toString().contains("150xxxx9144"), p::toString);
    }

    @Test
    void profileWithOnlyAUnionIdIsEnough() throws Exception {
        dingtalk.on(PROFILE_PATH, json(200, "{\"unionId\":\"u1\",\"email\":\"\",\"nick\":null}"));
        DingTalkProfile p = profile();
        assertEquals("u1", p.unionId());
        assertNull(p.email());
        assertNull(p.nick());
    }

    @Test
    void chineseTextInTheProfileIsDecodedAsUtf8() throws Exception {
        dingtalk.on(PROFILE_PATH, json(200, "{\"unionId\":\"u1\",\"nick\":\"张三\"}"));
        assertEquals("张三", profile().nick());
    }

    // ------------------------------------------------------------------------------------------ documented errors

    static Stream<Arguments> documentedErrors() {
        return Stream.of(
                Arguments.of(400, "{\"code\":\"invalidCode\",\"requestid\":\"30EE8654-A\","
                                + "\"message\":\"不合法的临时授权码\"}",
                        "invalidCode", "30EE8654-A"),
                Arguments.of(400, "{\"code\":\"invalidClientIdOrSecret\","
                                + "\"message\":\"无效的clientId或者clientSecret\"}",
                        "invalidClientIdOrSecret", null),
                Arguments.of(403, "{\"code\":\"Forbidden.AccessDenied.AccessTokenPermissionDenied\","
                                + "\"message\":\"没有调用该接口的权限\","
                                + "\"accessdenieddetail\":{\"requiredScopes\":[\"Contact.User.Read\"]}}",
                        "Forbidden.AccessDenied.AccessTokenPermissionDenied", null),
                Arguments.of(403, "{\"code\":\"Forbidden.AccessDenied.QpsLimitForApi\",\"requestid\":\"R2\"}",
                        "Forbidden.AccessDenied.QpsLimitForApi", "R2"),
                Arguments.of(503, "{\"status\":1111,\"wait\":5}", "status_1111", null),
                Arguments.of(400, "{\"code\":\"bad code with spaces\\r\\nand CR/LF\"}", "unprintable", null));
    }

    @ParameterizedTest
    @MethodSource("documentedErrors")
    void tokenErrorBodyGivesErrorStatusWithTheProviderCode(int status, String body, String code, String requestId) {
        dingtalk.on(TOKEN_PATH, json(status, body));
        DingTalkApiException e = fails(Kind.ERROR_STATUS, this::exchange);
        assertEquals(status, e.status());
        assertEquals(code, e.providerCode());
        assertEquals(requestId, e.requestId());
        assertEquals("token", e.step());
    }

    @ParameterizedTest
    @MethodSource("documentedErrors")
    void profileErrorBodyGivesErrorStatusWithTheProviderCode(int status, String body, String code, String requestId) {
        dingtalk.on(PROFILE_PATH, json(status, body));
        DingTalkApiException e = fails(Kind.ERROR_STATUS, this::profile);
        assertEquals(code, e.providerCode());
        assertEquals("profile", e.step());
    }

    @Test
    void providerMessageIsNeverCopiedIntoTheException() {
        dingtalk.on(TOKEN_PATH, json(400, "{\"code\":\"invalidCode\",\"message\":\"code " + CODE + " and " + SECRET
                + " are wrong\"}"));
        fails(Kind.ERROR_STATUS, this::exchange);
    }

    @Test
    void htmlErrorPageGivesErrorStatus() {
        dingtalk.on(TOKEN_PATH, html(500, "<html><body>Internal error " + SECRET + "</body></html>"));
        DingTalkApiException e = fails(Kind.ERROR_STATUS, this::exchange);
        assertEquals(500, e.status());
        assertNull(e.providerCode());
    }

    @Test
    void ipBlockedAnswerWithStatus200IsAnErrorStatusNotASuccess() {
        dingtalk.on(TOKEN_PATH, json(200, "{\"status\":1111,\"wait\":5}"));
        DingTalkApiException e = fails(Kind.ERROR_STATUS, this::exchange);
        assertEquals("status_1111", e.providerCode());
    }

    @Test
    void htmlPageWithStatus200IsAnInvalidResponse() {
        dingtalk.on(TOKEN_PATH, html(200, "<html><body>您的访问过于频繁</body></html>"));
        fails(Kind.INVALID_RESPONSE, this::exchange);
    }

    @Test
    void jsonWithTheWrongContentTypeIsAnInvalidResponse() {
        dingtalk.on(TOKEN_PATH, (ex, r) -> FakeDingTalk.send(ex, 200, "text/plain", TOKEN_OK));
        fails(Kind.INVALID_RESPONSE, this::exchange);
    }

    // ---------------------------------------------------------------------------------------------- hostile JSON

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"accessToken\":\"CANARY-AT-1\"",
        "",
        "null",
        "[]",
        "\"str\"",
        "{\"accessToken\":123}",
        "{\"accessToken\":null}",
        "{\"accessToken\":\"\"}",
        "{\"accessToken\":{\"a\":1}}",
        "{\"expireIn\":7200}",
        "{\"accessToken\":\"CANARY-AT-1\",\"accessToken\":\"CANARY-AT-2\"}",
        "{\"accessToken\":\"CANARY-AT-1\\r\\nX-Evil: 1\"}",
        "{\"accessToken\":\"CANARY AT 1\"}",
        "{\"accessToken\":\"CANARY-AT-\u00e9\"}",
        "{\"accessToken\":\"CANARY-AT-1\",\"corpId\":\"../../x\"}",
        "{\"accessToken\":\"CANARY-AT-1\",\"corpId\":7}",
    })
    void malformedTokenAnswerIsAnInvalidResponse(String body) {
        dingtalk.on(TOKEN_PATH, json(200, body));
        fails(Kind.INVALID_RESPONSE, this::exchange);
    }

    @Test
    void overlongAccessTokenIsRefused() {
        dingtalk.on(TOKEN_PATH, json(200, "{\"accessToken\":\"" + "A".repeat(3000) + "\"}"));
        fails(Kind.INVALID_RESPONSE, this::exchange);
    }

    @Test
    void deepNestingIsRefusedWithoutBlowingTheStack() {
        int depth = 10_000;
        String body = "{\"accessToken\":\"" + TOKEN + "\",\"x\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
        dingtalk.on(TOKEN_PATH, json(200, body));
        fails(Kind.INVALID_RESPONSE, this::exchange);
    }

    @Test
    void invalidUtf8IsAnInvalidResponse() {
        dingtalk.on(TOKEN_PATH, (ex, r) -> {
            byte[] bytes = "{\"accessToken\":\"A\u00C3(\"}".getBytes(StandardCharsets.ISO_8859_1);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        });
        fails(Kind.INVALID_RESPONSE, this::exchange);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"nick\":\"x\"}",
        "{\"unionId\":null}",
        "{\"unionId\":\"\"}",
        "{\"unionId\":123}",
        "{\"unionId\":[\"u1\"]}",
        "{\"unionId\":\"../../x\"}",
        "{\"unionId\":\"a\\u0000b\"}",
        "{\"unionId\":\"victim\",\"unionId\":\"attacker\"}",
        "{\"unionId\":\"u1\",\"openId\":\"a b\"}",
        "{\"unionId\":\"u1\",\"nick\":42}",
    })
    void malformedProfileIsAnInvalidResponse(String body) {
        dingtalk.on(PROFILE_PATH, json(200, body));
        fails(Kind.INVALID_RESPONSE, this::profile);
    }

    @Test
    void overlongUnionIdIsRefused() {
        dingtalk.on(PROFILE_PATH, json(200, "{\"unionId\":\"" + "u".repeat(10 * 1024) + "\"}"));
        fails(Kind.INVALID_RESPONSE, this::profile);
    }

    @Test
    void overlongNickIsRefused() {
        dingtalk.on(PROFILE_PATH, json(200, "{\"unionId\":\"u1\",\"nick\":\"" + "n".repeat(257) + "\"}"));
        fails(Kind.INVALID_RESPONSE, this::profile);
    }

    // ------------------------------------------------------------------------------------------------- redirects

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 303, 307, 308})
    void tokenRedirectIsNotFollowed(int status) {
        try (FakeDingTalk evil = FakeDingTalk.start()) {
            dingtalk.on(TOKEN_PATH, redirectTo(status, evil.baseUrl() + "/steal"));
            fails(Kind.INVALID_RESPONSE, this::exchange);
            assertEquals(0, evil.requests().size());
            assertEquals(1, dingtalk.hits(TOKEN_PATH), "no retry");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {302, 307})
    void profileRedirectIsNotFollowed(int status) {
        try (FakeDingTalk evil = FakeDingTalk.start()) {
            dingtalk.on(PROFILE_PATH, redirectTo(status, evil.baseUrl() + "/steal"));
            fails(Kind.INVALID_RESPONSE, this::profile);
            assertEquals(0, evil.requests().size());
        }
    }

    static Script redirectTo(int status, String location) {
        return (ex, r) -> {
            ex.getResponseHeaders().set("Location", location);
            ex.sendResponseHeaders(status, -1);
        };
    }

    // --------------------------------------------------------------------------------------------- size and time

    /** Streams {@code total} bytes of a JSON string (announcing {@code announced}, or chunked when 0). */
    static Script stream(long announced, long total, CountDownLatch closedEarly, AtomicLong written) {
        return (ex, r) -> {
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, announced);
            byte[] chunk = new byte[8192];
            Arrays.fill(chunk, (byte) 'a');
            chunk[0] = '{';
            chunk[1] = '"';
            try (OutputStream out = ex.getResponseBody()) {
                while (written.get() < total) {
                    out.write(chunk);
                    out.flush();
                    written.addAndGet(chunk.length);
                    chunk[0] = 'a';
                    chunk[1] = 'a';
                }
            } catch (IOException closed) {
                closedEarly.countDown();
            }
        };
    }

    @Test
    void announcedBodyOverTheCapIsRefusedAndTheConnectionClosed() throws Exception {
        long tenMiB = 10L * 1024 * 1024;
        CountDownLatch closedEarly = new CountDownLatch(1);
        AtomicLong written = new AtomicLong();
        dingtalk.on(TOKEN_PATH, stream(tenMiB, tenMiB, closedEarly, written));
        fails(Kind.INVALID_RESPONSE, this::exchange);
        assertTrue(closedEarly.await(5, TimeUnit.SECONDS), "the server could write the whole body");
        assertTrue(written.get() < tenMiB);
    }

    @Test
    void streamedBodyOverTheCapIsRefusedAndTheConnectionClosed() throws Exception {
        long tenMiB = 10L * 1024 * 1024;
        CountDownLatch closedEarly = new CountDownLatch(1);
        AtomicLong written = new AtomicLong();
        dingtalk.on(TOKEN_PATH, stream(0, tenMiB, closedEarly, written));
        fails(Kind.INVALID_RESPONSE, this::exchange);
        assertTrue(closedEarly.await(5, TimeUnit.SECONDS), "the server could write the whole body");
        assertTrue(written.get() < tenMiB);
    }

    @Test
    void bodyJustUnderTheCapIsRead() throws Exception {
        String padding = "p".repeat(BackChannel.MAX_BODY - TOKEN_OK.length() - 20);
        dingtalk.on(TOKEN_PATH, json(200, TOKEN_OK.replace("}", ",\"padding\":\"" + padding + "\"}")));
        assertEquals(TOKEN, exchange().accessToken());
    }

    @Test
    void slowHeadersPastTheDeadlineAreATimeout() {
        dingtalk.on(TOKEN_PATH, (ex, r) -> {
            Thread.sleep(20_000);
            FakeDingTalk.send(ex, 200, "application/json", TOKEN_OK);
        });
        long start = System.nanoTime();
        fails(Kind.TIMEOUT, () -> client.exchangeCode(CODE, in(Duration.ofSeconds(1))));
        assertTrue(elapsed(start).compareTo(Duration.ofSeconds(3)) < 0, () -> "took " + elapsed(start));
    }

    @Test
    void bodyTricklingPastTheDeadlineIsATimeout() {
        byte[] body = TOKEN_OK.getBytes(StandardCharsets.UTF_8);
        dingtalk.on(TOKEN_PATH, (ex, r) -> {
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                for (byte b : body) { // about 8 s in all, headers at once
                    out.write(b);
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException closed) {
                // the client gave up, as it should
            }
        });
        long start = System.nanoTime();
        fails(Kind.TIMEOUT, () -> client.exchangeCode(CODE, in(Duration.ofSeconds(1))));
        assertTrue(elapsed(start).compareTo(Duration.ofSeconds(3)) < 0, () -> "took " + elapsed(start));
    }

    @Test
    void profileSharesTheDeadlineOfTheCallback() {
        dingtalk.on(PROFILE_PATH, (ex, r) -> {
            Thread.sleep(20_000);
            FakeDingTalk.send(ex, 200, "application/json", PROFILE_OK);
        });
        long start = System.nanoTime();
        fails(Kind.TIMEOUT, () -> client.fetchProfile(new AccessGrant(TOKEN, null), in(Duration.ofSeconds(1))));
        assertTrue(elapsed(start).compareTo(Duration.ofSeconds(3)) < 0, () -> "took " + elapsed(start));
    }

    @Test
    void passedDeadlineFailsWithoutCallingDingTalk() {
        fails(Kind.TIMEOUT, () -> client.exchangeCode(CODE, Deadline.in(Duration.ZERO)));
        assertEquals(0, dingtalk.requests().size());
    }

    @Test
    void refusedConnectionIsUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        DingTalkClient nowhere = new DingTalkClient(URI.create("http://127.0.0.1:" + closedPort), APP_ID, SECRET,
                channel);
        fails(Kind.UNAVAILABLE, () -> nowhere.exchangeCode(CODE, soon()));
    }

    @Test
    void connectionDroppedWithoutAnAnswerIsUnavailable() {
        dingtalk.on(TOKEN_PATH, (ex, r) -> {
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, 1000);
            ex.getResponseBody().write("{\"accessToken\":".getBytes(StandardCharsets.UTF_8));
            ex.getResponseBody().flush();
            ex.close(); // short body: the connection ends mid-answer
        });
        DingTalkApiException e = assertThrows(DingTalkApiException.class, this::exchange);
        assertTrue(e.kind() == Kind.UNAVAILABLE || e.kind() == Kind.INVALID_RESPONSE, e::getMessage);
        assertFalse(e.getMessage().contains("CANARY"), e::getMessage);
    }

    static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
