package io.github.dingtalkauth.emulator;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandLineTest {

    @Test
    void optionsConfigureTheEmulator() throws Exception {
        try (DingTalkEmulator emulator = CommandLine.parse("--port", "0", "--host", "localhost",
                "--client-id", "dingabc", "--client-secret=s3cret",
                "--redirect-uri", "http://localhost:1/a", "--redirect-uri", "http://localhost:1/b",
                "--latency", "10ms", "--code-ttl", "PT1M").start()) {
            assertEquals("dingabc", emulator.clientId());
            assertEquals("s3cret", emulator.clientSecret());
            assertEquals(List.of("http://localhost:1/a", "http://localhost:1/b"), emulator.redirectUris());
            assertEquals("http://localhost:" + emulator.port(), emulator.baseUrl());
        }
    }

    @Test
    void enterpriseOptionsConfigureTheEmulator() throws Exception {
        try (DingTalkEmulator emulator = CommandLine.parse("--corp-id", "dingcorp1", "--app-token-prefix", "APP-",
                "--string-typed", "--lenient-redirect-uris", "--redirect-uri", "http://localhost:8080/cb").start()) {
            assertEquals("dingcorp1", emulator.corpId());
        }
    }

    @Test
    void flagTakesNoValueButMayBeSetFalse() {
        CommandLine.parse("--string-typed=false", "--port", "0");

        assertThrows(IllegalArgumentException.class, () -> CommandLine.parse("--string-typed=maybe"));
    }

    @Test
    void durationsTakeShortAndIsoForms() {
        assertEquals(Duration.ofMillis(250), CommandLine.duration("--latency", "250ms"));
        assertEquals(Duration.ofSeconds(2), CommandLine.duration("--latency", "2s"));
        assertEquals(Duration.ofMinutes(5), CommandLine.duration("--latency", "5m"));
        assertEquals(Duration.ofSeconds(2), CommandLine.duration("--latency", "PT2S"));
        assertThrows(IllegalArgumentException.class, () -> CommandLine.duration("--latency", "soon"));
    }

    @Test
    void unknownOptionIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CommandLine.parse("--prot", "9000"));
        assertTrue(e.getMessage().contains("--prot"));
    }

    @Test
    void optionWithoutValueIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> CommandLine.parse("--port"));
    }

    @Test
    void bannerNamesEverythingAClientNeeds() throws Exception {
        try (DingTalkEmulator emulator = CommandLine.parse("--redirect-uri", "http://localhost:8080/cb").start()) {
            String banner = CommandLine.banner(emulator);

            for (String expected : List.of(emulator.baseUrl(), emulator.authorizeUrl(), emulator.oapiBaseUrl(),
                    emulator.qrLoginScriptUrl(), emulator.corpId(), "dingemulatorclient", "emulator-secret", "http://localhost:8080/cb", "张三")) {
                assertTrue(banner.contains(expected), expected);
            }
        }
    }
}
