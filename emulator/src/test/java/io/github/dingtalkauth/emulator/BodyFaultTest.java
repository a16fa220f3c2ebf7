package io.github.dingtalkauth.emulator;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Faults about how an answer's body travels, what the emulator sees of a client giving up, and the side-effect hook. */
class BodyFaultTest extends AbstractEmulatorTest {

    private static final int MIB = 1024 * 1024;

    private HttpRequest tokenPost(String code) {
        return HttpRequest.newBuilder(URI.create(emulator.apiBaseUrl() + "/v1.0/oauth2/userAccessToken"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(tokenRequest(code))).timeout(TIMEOUT).build();
    }

    @Test
    void hugeChunkedBodyHasTheRequestedSizeAndNoContentLength() throws Exception {
        emulator.setFault(Endpoint.TOKEN, Fault.hugeChunkedBody(3 * MIB));

        HttpResponse<byte[]> answer = HTTP.send(tokenPost("c"), HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, answer.statusCode());
        assertEquals(3 * MIB, answer.body().length);
        assertTrue(answer.headers().firstValue("Content-Length").isEmpty(), answer.headers().toString());
        assertEquals("chunked", answer.headers().firstValue("Transfer-Encoding").orElse(""));
    }

    @Test
    void connectionDroppedMidBodyAnnouncesMoreThanItSends() throws Exception {
        emulator.setFault(Endpoint.TOKEN, Fault.connectionDroppedMidBody());

        HttpResponse<InputStream> answer = HTTP.send(tokenPost("c"), HttpResponse.BodyHandlers.ofInputStream());

        assertEquals(200, answer.statusCode());
        long announced = Long.parseLong(answer.headers().firstValue("Content-Length").orElseThrow());
        try (InputStream body = answer.body()) {
            byte[] start = body.readNBytes((int) announced / 2);
            assertEquals('{', start[0]);
            IOException failure = assertThrows(IOException.class, body::readAllBytes);
            assertFalse(failure instanceof HttpTimeoutException, failure.toString());
        }
        assertEquals(0, emulator.stats().abandonedAnswers(), "the emulator dropped it, not the client");
    }

    @Test
    void answerTheClientStopsReadingIsCountedAsAbandoned() throws Exception {
        emulator.setFault(Endpoint.TOKEN, Fault.hugeBody(64 * MIB));
        HttpResponse<InputStream> answer = HTTP.send(tokenPost("c"), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = answer.body()) {
            assertEquals('{', body.read());
        }

        awaitAbandoned(1);
    }

    @Test
    void answerReadInFullIsNotAbandoned() throws Exception {
        emulator.setFault(Endpoint.TOKEN, Fault.hugeBody(4 * MIB));

        HTTP.send(tokenPost("c"), HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(0, emulator.stats().abandonedAnswers());
    }

    @Test
    void whileAnsweringRunsTheActionBeforeTheRealAnswer() throws Exception {
        String code = codeFor("alice");
        AtomicInteger tokensBefore = new AtomicInteger(-1);
        emulator.setFaultOnce(Endpoint.TOKEN,
                Fault.whileAnswering(() -> tokensBefore.set(emulator.stats().tokenSuccesses())));

        HttpResponse<String> answer = exchange(code);

        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(0, tokensBefore.get(), "the action ran after the code was redeemed");
        assertEquals(1, emulator.stats().tokenSuccesses());
        assertEquals(400, exchange(code).statusCode(), "the code was not used up");
    }

    @Test
    void whileAnsweringWhoseActionFailsIsTheEmulatorsOwnError() throws Exception {
        emulator.setFaultOnce(Endpoint.TOKEN, Fault.whileAnswering(() -> {
            throw new IllegalStateException("boom");
        }));

        HttpResponse<String> answer = exchange("c");

        assertEquals(500, answer.statusCode());
        assertEquals("EmulatorInternalError", json(answer).getString("code"));
    }

    private void awaitAbandoned(int expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        while (emulator.stats().abandonedAnswers() < expected && Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
        }
        assertEquals(expected, emulator.stats().abandonedAnswers());
    }
}
