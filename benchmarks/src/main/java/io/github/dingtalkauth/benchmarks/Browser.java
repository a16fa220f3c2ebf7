package io.github.dingtalkauth.benchmarks;

import io.github.dingtalkauth.emulator.DingTalkEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A scripted browser on the JDK client (one client may serve many browsers: cookies travel in headers, never in a
 * shared jar). Its sign-in is the whole DingTalk flow but for the consent page, which {@link DingTalkEmulator#approve}
 * answers in-process: only the application and its back-channel calls are on the wire.
 */
final class Browser {
    private final HttpClient http;

    Browser(HttpClient http) {
        this.http = http;
    }

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** What one sign-in took and met on its way. */
    record SignIn(String sessionCookie, int loginCookieBytes, int busyAnswers, long nanos) {
    }

    /** Signs in as {@code user} from a protected page; a 503 "busy" is retried after Retry-After and a random part of it. */
    SignIn signIn(DingTalkEmulator emulator, String protectedUrl, String user) {
        long started = System.nanoTime();
        HttpResponse<String> start = get(protectedUrl, null, true);
        expect(start.statusCode() == 302, "302 to DingTalk", start);
        String loginCookies = cookies(start);
        String callback = emulator.approve(start.headers().firstValue("Location").orElseThrow(), user);
        int busy = 0;
        HttpResponse<String> back = get(callback, loginCookies, true);
        while (back.statusCode() == 503) {
            busy++;
            long retryAfter = Long.parseLong(back.headers().firstValue("Retry-After").orElse("1"));
            sleepMillis(retryAfter * 1000 + java.util.concurrent.ThreadLocalRandom.current().nextLong(retryAfter * 1000));
            back = get(callback, loginCookies, true);
        }
        expect(back.statusCode() == 303 || back.statusCode() == 302, "the callback's redirect", back);
        String session = back.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(Browser::nameValue).findFirst().orElseThrow(() -> new IllegalStateException("no session"));
        HttpResponse<String> page = get(protectedUrl, session, true);
        expect(page.statusCode() == 200 && page.body().equals("hello\n"), "the page, signed in", page);
        return new SignIn(session, loginCookies.length(), busy, System.nanoTime() - started);
    }

    HttpResponse<String> get(String url, String cookie, boolean navigation) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (navigation) {
            request.header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                    .header("Sec-Fetch-Mode", "navigate").header("Sec-Fetch-Dest", "document");
        } else {
            request.header("Accept", "application/json");
        }
        if (cookie != null && !cookie.isEmpty()) {
            request.header("Cookie", cookie);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A setup page's session cookie: {@code JSESSIONID=...}. */
    String sessionFrom(String setupUrl) {
        HttpResponse<String> answer = get(setupUrl, null, true);
        expect(answer.statusCode() == 200, "the setup page", answer);
        return answer.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(Browser::nameValue).findFirst().orElseThrow();
    }

    static String cookies(HttpResponse<?> response) {
        List<String> set = response.headers().allValues("Set-Cookie");
        return set.stream().map(Browser::nameValue).collect(Collectors.joining("; "));
    }

    private static String nameValue(String setCookie) {
        int semicolon = setCookie.indexOf(';');
        return semicolon < 0 ? setCookie : setCookie.substring(0, semicolon);
    }

    static void expect(boolean condition, String what, HttpResponse<String> response) {
        if (!condition) {
            throw new IllegalStateException("expected " + what + ", got " + response.statusCode() + " for "
                    + response.uri().getPath());
        }
    }

    private static void sleepMillis(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
