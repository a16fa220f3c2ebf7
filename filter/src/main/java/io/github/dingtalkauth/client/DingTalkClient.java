package io.github.dingtalkauth.client;

import io.github.dingtalkauth.DingTalkPrincipal;
import io.github.dingtalkauth.client.DingTalkApiException.Kind;
import io.github.dingtalkauth.web.Decoding;
import jakarta.json.JsonConfig;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * DingTalk's back channel for one app: the code → access token call and the profile call. One instance serves every
 * login: it shares one {@link HttpClient} (HTTP/1.1 keep-alive) but never shares a user's token, which lives only for
 * the duration of one callback.
 *
 * <p>Every call runs against one deadline that also covers reading the body (the JDK's own request timeout stops
 * at the headers), reads at most {@value #MAX_BODY} bytes, never follows redirects (a 307 would re-post the secret
 * elsewhere) and is never retried: an authorization code is single use.
 */
public final class DingTalkClient implements AutoCloseable {
    static final int MAX_BODY = 64 * 1024;

    private static final String TOKEN_PATH = "/v1.0/oauth2/userAccessToken";
    private static final String PROFILE_PATH = "/v1.0/contact/users/me";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_=+\\-]{1,128}");
    private static final Pattern PROVIDER_TOKEN = Pattern.compile("[A-Za-z0-9._\\-]{1,100}");

    private final URI tokenUri;
    private final URI profileUri;
    private final String appId;
    private final String appSecret;
    private final ExecutorService executor;
    private final HttpClient http;
    // Looked up once: Json.createXxx() searches for the provider on every call.
    private final JsonProvider json = JsonProvider.provider();
    private final JsonReaderFactory readers = json.createReaderFactory(Map.of(
            JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE, // duplicate keys are an error, not "last wins"
            "org.eclipse.parsson.rejectDuplicateKeys", true,
            "org.eclipse.parsson.maxDepth", 32));

    public DingTalkClient(URI apiBaseUrl, String appId, String appSecret, Duration connectTimeout) {
        this.tokenUri = URI.create(apiBaseUrl + TOKEN_PATH);
        this.profileUri = URI.create(apiBaseUrl + PROFILE_PATH);
        this.appId = appId;
        this.appSecret = appSecret;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task, "dingtalk-auth-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .proxy(ProxySelector.getDefault()) // honours -Dhttps.proxyHost for servers behind a proxy
                .executor(executor)
                .build();
    }

    /** Redeems an authorization code, once. */
    public AccessGrant exchangeCode(String code, Instant deadline) throws DingTalkApiException {
        String body = json.createObjectBuilder()
                .add("clientId", appId)
                .add("clientSecret", appSecret)
                .add("code", code)
                .add("grantType", "authorization_code")
                .build().toString();
        HttpRequest request = HttpRequest.newBuilder(tokenUri)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(remaining("token", deadline))
                .build();
        JsonObject answer = call("token", request, deadline);
        String accessToken = string(answer, "accessToken", "token");
        if (accessToken == null || accessToken.isEmpty() || accessToken.length() > 2048
                || !accessToken.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            // It goes into a header next: no CR/LF, no spaces, bounded.
            throw invalid("token", "accessToken missing or malformed");
        }
        String corpId = string(answer, "corpId", "token");
        if (corpId != null && !ID.matcher(corpId).matches()) {
            throw invalid("token", "corpId malformed");
        }
        return new AccessGrant(accessToken, corpId);
    }

    /** Reads the signed-in user's profile with this login's access token. */
    public DingTalkPrincipal fetchProfile(AccessGrant grant, Instant deadline) throws DingTalkApiException {
        HttpRequest request = HttpRequest.newBuilder(profileUri)
                .header("x-acs-dingtalk-access-token", grant.accessToken())
                .header("Accept", "application/json")
                .GET()
                .timeout(remaining("profile", deadline))
                .build();
        JsonObject user = call("profile", request, deadline);
        String unionId = string(user, "unionId", "profile");
        if (unionId == null || !ID.matcher(unionId).matches()) {
            throw invalid("profile", "unionId missing or malformed");
        }
        String openId = string(user, "openId", "profile");
        if (openId != null && !ID.matcher(openId).matches()) {
            throw invalid("profile", "openId malformed");
        }
        return new DingTalkPrincipal(unionId, openId,
                bounded(user, "nick", 256), bounded(user, "avatarUrl", 2048), bounded(user, "email", 320),
                bounded(user, "mobile", 64), bounded(user, "stateCode", 16), grant.corpId());
    }

    private JsonObject call(String step, HttpRequest request, Instant deadline) throws DingTalkApiException {
        CappedBody body = new CappedBody(MAX_BODY);
        CompletableFuture<HttpResponse<byte[]>> future = http.sendAsync(request, body);
        HttpResponse<byte[]> response;
        try {
            response = future.get(remaining(step, deadline).toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            abandon(future, body);
            throw new DingTalkApiException(Kind.TIMEOUT, step, 0, null, null, "deadline passed");
        } catch (InterruptedException e) {
            abandon(future, body);
            Thread.currentThread().interrupt();
            throw new DingTalkApiException(Kind.UNAVAILABLE, step, 0, null, null, "interrupted");
        } catch (ExecutionException e) {
            throw failure(step, e.getCause());
        }
        return interpret(step, response);
    }

    private static void abandon(CompletableFuture<?> future, CappedBody body) {
        body.cancel();
        future.cancel(true);
    }

    private static DingTalkApiException failure(String step, Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException || cause instanceof HttpTimeoutException) {
            return new DingTalkApiException(Kind.TIMEOUT, step, 0, null, null, cause.getClass().getSimpleName());
        }
        if (cause instanceof CappedBody.TooLargeException) {
            return invalid(step, "body larger than " + MAX_BODY + " bytes");
        }
        return new DingTalkApiException(Kind.UNAVAILABLE, step, 0, null, null,
                cause == null ? null : cause.getClass().getSimpleName());
    }

    private JsonObject interpret(String step, HttpResponse<byte[]> response) throws DingTalkApiException {
        int status = response.statusCode();
        boolean isJson = response.headers().firstValue("content-type")
                .map(t -> t.toLowerCase(Locale.ROOT).split(";")[0].trim())
                .map(t -> t.equals("application/json") || t.endsWith("+json"))
                .orElse(false);
        JsonObject object = isJson ? parse(response.body()) : null;
        // DingTalk's answer when it has blocked the server's IP for too many calls, whatever the status it comes with.
        boolean ipBlocked = object != null && object.get("status") instanceof JsonNumber && object.containsKey("wait");
        if (status >= 200 && status < 300 && !ipBlocked) {
            if (object == null) {
                throw invalid(step, isJson ? "body is not a JSON object" : "body is not JSON");
            }
            return object;
        }
        if (status >= 300 && status < 400) {
            throw invalid(step, "redirect not followed");
        }
        String code = null;
        String requestId = null;
        if (object != null) {
            code = safeToken(object.get("code"));
            requestId = safeToken(object.get("requestid"));
            if (code == null && ipBlocked) {
                code = "status_" + safeToken(object.get("status"));
            }
        }
        throw new DingTalkApiException(Kind.ERROR_STATUS, step, status, code, requestId, isJson ? null : "body is not JSON");
    }

    private JsonObject parse(byte[] body) {
        String text = Decoding.utf8(body, body.length);
        if (text == null) {
            return null;
        }
        try (JsonReader reader = readers.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (RuntimeException | StackOverflowError e) {
            // JsonException and friends, but also Parsson's plain RuntimeException for "too deeply nested".
            return null;
        }
    }

    /** A string field; null when absent or JSON null; a wrong type is a protocol violation. */
    private static String string(JsonObject object, String name, String step) throws DingTalkApiException {
        JsonValue value = object.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString s) {
            return s.getString();
        }
        throw invalid(step, name + " has the wrong type");
    }

    private static String bounded(JsonObject object, String name, int max) throws DingTalkApiException {
        String value = string(object, name, "profile");
        if (value != null && value.length() > max) {
            throw invalid("profile", name + " is too long");
        }
        return value == null || value.isEmpty() ? null : value;
    }

    /** Provider codes and request ids go to the log, so only a plain token of bounded length is kept. */
    private static String safeToken(JsonValue value) {
        if (value == null) {
            return null;
        }
        String text = value instanceof JsonString s ? s.getString() : value.toString();
        return PROVIDER_TOKEN.matcher(text).matches() ? text : "unprintable";
    }

    private static Duration remaining(String step, Instant deadline) throws DingTalkApiException {
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw new DingTalkApiException(Kind.TIMEOUT, step, 0, null, null, "deadline passed");
        }
        return left;
    }

    private static DingTalkApiException invalid(String step, String detail) {
        return new DingTalkApiException(Kind.INVALID_RESPONSE, step, 0, null, null, detail);
    }

    /** Stops the client's threads; in-flight calls fail. */
    @Override
    public void close() {
        executor.shutdownNow();
        // From Java 21 the client itself can be closed, which also ends its selector thread at once.
        if (http instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // closing is best effort; the thread ends anyway once the client is unreachable
            }
        }
    }

}
