package io.github.dingtalkauth.client;

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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The filter's one HTTP client for every call to DingTalk (api and oapi), shared by all logins: HTTP/1.1 keep-alive,
 * no redirects followed (a 307 would re-post a secret elsewhere), no retries. Each call runs against the caller's
 * {@link Deadline}, which also covers reading the body (the JDK's own request timeout stops at the headers), reads
 * at most {@value #MAX_BODY} bytes and parses strictly (duplicate keys and deep nesting are errors).
 *
 * <p>A 2xx JSON object is the answer; anything else is a {@link DingTalkApiException} carrying the status and
 * DingTalk's sanitised {@code code}. oapi answers HTTP 200 also on failure: their {@code errcode} is the caller's to
 * read. No URI ever reaches a message: oapi URIs carry the app token.
 */
public final class BackChannel implements OapiTransport, AutoCloseable {
    static final int MAX_BODY = 64 * 1024;


    private final ExecutorService executor;
    /**
     * Building a client loads the JDK's trust store and starts a selector thread: 0.2–1 s in a fresh JVM, more than
     * all the rest of the filter's init(). It is built in the background so that start-up does not wait for it; the
     * first sign-in (seconds later at the earliest) finds it ready.
     */
    private final CompletableFuture<HttpClient> http;
    // Looked up once: Json.createXxx() searches for the provider on every call.
    private final JsonProvider json = JsonProvider.provider();
    private final JsonReaderFactory readers = json.createReaderFactory(Map.of(
            JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE, // duplicate keys are an error, not "last wins"
            "org.eclipse.parsson.rejectDuplicateKeys", true,
            "org.eclipse.parsson.maxDepth", 32));

    public BackChannel(Duration connectTimeout) {
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task, "dingtalk-auth-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.http = CompletableFuture.supplyAsync(() -> HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .proxy(ProxySelector.getDefault()) // honours -Dhttps.proxyHost for servers behind a proxy
                .executor(executor)
                .build(), executor);
    }

    /** A JSON POST of {@code body}. */
    @Override
    public JsonObject post(URI uri, JsonObject body, String step, Deadline deadline) throws DingTalkApiException {
        return call(step, HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), deadline);
    }

    /** Sends {@code request} (with {@code Accept: application/json} added) and reads its answer by the deadline. */
    JsonObject call(String step, HttpRequest.Builder request, Deadline deadline) throws DingTalkApiException {
        HttpRequest built = request.header("Accept", "application/json").timeout(remaining(step, deadline)).build();
        CappedBody body = new CappedBody(MAX_BODY);
        CompletableFuture<HttpResponse<byte[]>> future = http.join().sendAsync(built, body);
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
            return OapiValues.invalid(step, "body larger than " + MAX_BODY + " bytes");
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
                throw OapiValues.invalid(step, isJson ? "body is not a JSON object" : "body is not JSON");
            }
            return object;
        }
        if (status >= 300 && status < 400) {
            throw OapiValues.invalid(step, "redirect not followed");
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
        throw new DingTalkApiException(Kind.ERROR_STATUS, step, status, code, requestId,
                isJson ? null : "body is not JSON");
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

    /** Provider codes and request ids go to the log, so only a plain token of bounded length is kept. */
    private static String safeToken(JsonValue value) {
        if (value == null) {
            return null;
        }
        String text = value instanceof JsonString s ? s.getString() : value.toString();
        return OapiValues.LOGGABLE.matcher(text).matches() ? text : "unprintable";
    }

    private static Duration remaining(String step, Deadline deadline) throws DingTalkApiException {
        Duration left = deadline.remaining();
        if (left.isZero()) {
            throw new DingTalkApiException(Kind.TIMEOUT, step, 0, null, null, "deadline passed");
        }
        return left;
    }

    /** The JSON provider, for building request bodies without a lookup per call. */
    JsonProvider json() {
        return json;
    }

    /** Stops the client's threads; in-flight calls fail. */
    @Override
    public void close() {
        executor.shutdownNow();
        // From Java 21 the client itself can be closed, which also ends its selector thread at once.
        http.thenAccept(client -> {
            if (client instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception ignored) {
                    // closing is best effort; the thread ends anyway once the client is unreachable
                }
            }
        });
    }

    @Override
    public String toString() {
        return "BackChannel[" + (executor.isShutdown() ? "closed" : "open") + "]";
    }
}
