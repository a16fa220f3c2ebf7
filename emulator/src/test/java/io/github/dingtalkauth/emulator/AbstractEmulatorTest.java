package io.github.dingtalkauth.emulator;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Starts an emulator per test and drives it over real HTTP the way a browser and a back-channel client would, never
 * following redirects. Expiry is tested by moving {@link #clock}, not by sleeping.
 */
abstract class AbstractEmulatorTest {

    static final String CALLBACK = "http://localhost:8080/dingtalk/callback";
    static final Pattern TICKET = Pattern.compile("<input type=\"hidden\" name=\"ticket\" value=\"([^\"]+)\">");
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    // One client for the whole suite: each HttpClient owns a selector thread.
    static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(TIMEOUT)
            .build();

    final MutableClock clock = new MutableClock();
    DingTalkEmulator emulator;

    @BeforeEach
    void startEmulator() throws IOException {
        emulator = DingTalkEmulator.builder().redirectUri(CALLBACK).clock(clock).start();
    }

    @AfterEach
    void closeEmulator() {
        emulator.close();
    }

    /** Replaces the emulator with one configured further (the callback URI and test clock stay). */
    void restartWith(UnaryOperator<DingTalkEmulatorBuilder> settings) throws IOException {
        emulator.close();
        emulator = settings.apply(DingTalkEmulator.builder().redirectUri(CALLBACK).clock(clock)).start();
    }

    // --- browser side ---

    static String authorizeQuery(String scope, String state) {
        return query(authorizeParams(CALLBACK, scope, state));
    }

    /** A valid authorize request's parameters, in a map a test may change; a null state is left out. */
    static Map<String, String> authorizeParams(String redirectUri, String scope, String state) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("redirect_uri", redirectUri);
        params.put("response_type", "code");
        params.put("client_id", "dingemulatorclient");
        params.put("scope", scope);
        if (state != null) {
            params.put("state", state);
        }
        params.put("prompt", "consent");
        return params;
    }

    static String query(Map<String, String> params) {
        StringBuilder query = new StringBuilder();
        params.forEach((name, value) -> query.append(query.length() == 0 ? "" : "&")
                .append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")));
        return query.toString();
    }

    HttpResponse<String> authorize(String query) throws IOException, InterruptedException {
        return get(emulator.authorizeUrl() + "?" + query);
    }

    static String ticketIn(HttpResponse<String> consentPage) {
        assertEquals(200, consentPage.statusCode(), consentPage.body());
        Matcher ticket = TICKET.matcher(consentPage.body());
        assertTrue(ticket.find(), "no ticket on the consent page");
        return ticket.group(1);
    }

    String openConsent(String scope, String state) throws IOException, InterruptedException {
        return ticketIn(authorize(authorizeQuery(scope, state)));
    }

    HttpResponse<String> submitConsent(String form) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/oauth2/approve"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** Signs {@code userKey} in through the consent page and returns the callback URL DingTalk would redirect to. */
    String approve(String userKey, String scope, String state) throws IOException, InterruptedException {
        HttpResponse<String> answer = submitConsent("ticket=" + openConsent(scope, state) + "&user=" + userKey);
        assertEquals(302, answer.statusCode(), answer.body());
        return answer.headers().firstValue("Location").orElseThrow();
    }

    String codeFor(String userKey) throws IOException, InterruptedException {
        return queryOf(approve(userKey, "openid", "s")).get("authCode");
    }

    static Map<String, String> queryOf(String url) {
        Map<String, String> params = new LinkedHashMap<>();
        String query = URI.create(url).getRawQuery();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    // --- back channel ---

    HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(emulator.apiBaseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> exchange(String code) throws IOException, InterruptedException {
        return postJson("/v1.0/oauth2/userAccessToken", tokenRequest(code));
    }

    static String tokenRequest(String code) {
        return "{\"clientId\":\"dingemulatorclient\",\"clientSecret\":\"emulator-secret\",\"code\":\"" + code
                + "\",\"grantType\":\"authorization_code\"}";
    }

    String accessTokenFor(String userKey) throws IOException, InterruptedException {
        HttpResponse<String> answer = exchange(codeFor(userKey));
        assertEquals(200, answer.statusCode(), answer.body());
        return json(answer).getString("accessToken");
    }

    HttpResponse<String> profile(String accessToken) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(emulator.apiBaseUrl() + "/v1.0/contact/users/me"))
                .header("x-acs-dingtalk-access-token", accessToken));
    }

    // --- app token and oapi ---

    HttpResponse<String> requestAppToken() throws IOException, InterruptedException {
        return postJson("/v1.0/oauth2/accessToken",
                "{\"appKey\":\"dingemulatorclient\",\"appSecret\":\"emulator-secret\"}");
    }

    String appToken() throws IOException, InterruptedException {
        HttpResponse<String> answer = requestAppToken();
        assertEquals(200, answer.statusCode(), answer.body());
        return json(answer).getString("accessToken");
    }

    /** POSTs JSON to an oapi path (such as {@code /topapi/user/getbyunionid}) with this app token. */
    HttpResponse<String> postOapi(String path, String token, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(emulator.oapiBaseUrl() + path + "?access_token=" + token))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> userByUnionId(String token, String unionId) throws IOException, InterruptedException {
        return postOapi("/topapi/user/getbyunionid", token, "{\"unionid\":\"" + unionId + "\"}");
    }

    HttpResponse<String> employee(String token, String userId) throws IOException, InterruptedException {
        return postOapi("/topapi/v2/user/get", token, "{\"userid\":\"" + userId + "\",\"language\":\"zh_CN\"}");
    }

    EmulatorUser user(String key) {
        return emulator.users().stream().filter(u -> u.key().equals(key)).findFirst().orElseThrow();
    }

    /** Asserts an oapi answer: HTTP 200 and JSON, as DingTalk's oapi answers even failures; returns the body. */
    static JsonObject oapiAnswer(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json;charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
        return json(response);
    }

    /** Asserts an oapi failure with this errcode (a JSON number) and returns the body. */
    static JsonObject oapiError(HttpResponse<String> response, int errcode) {
        JsonObject body = oapiAnswer(response);
        assertEquals(errcode, body.getInt("errcode"), body.toString());
        assertFalse(body.getString("errmsg").isEmpty());
        assertFalse(body.containsKey("result"), body.toString());
        return body;
    }

    // --- the legacy flow's signed sns/getuserinfo_bycode ---

    HttpResponse<String> userInfo(String accessKey, String secret, long timestamp, String code)
            throws IOException, InterruptedException {
        String signature = URLEncoder.encode(LegacyUserInfoHandler.sign(secret, Long.toString(timestamp)),
                StandardCharsets.UTF_8);
        return userInfoRaw("accessKey=" + accessKey + "&timestamp=" + timestamp + "&signature=" + signature, code);
    }

    HttpResponse<String> userInfoRaw(String query, String code) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(emulator.oapiBaseUrl() + "/sns/getuserinfo_bycode?" + query))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"tmp_auth_code\":\"" + code + "\"}")));
    }

    HttpResponse<String> signedUserInfo(String code) throws IOException, InterruptedException {
        return userInfo("dingemulatorclient", "emulator-secret", clock.millis(), code);
    }

    static long errcode(HttpResponse<String> answer) {
        return oapiAnswer(answer).getJsonNumber("errcode").longValue();
    }

    HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)));
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static JsonObject json(HttpResponse<String> response) {
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }

    /** Asserts DingTalk's error shape and returns the error code. */
    static String dingTalkError(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/json;charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
        JsonObject error = json(response);
        assertTrue(error.getString("requestid").matches("[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}"),
                error.toString());
        assertTrue(!error.getString("message").isEmpty());
        return error.getString("code");
    }

    /** A clock that moves only when told to. */
    static final class MutableClock extends Clock {

        private volatile Instant now = Instant.parse("2025-06-01T08:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
