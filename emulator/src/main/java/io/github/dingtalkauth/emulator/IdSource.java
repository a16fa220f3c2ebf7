package io.github.dingtalkauth.emulator;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** Makes codes, tokens and tickets: random like DingTalk's, or numbered canaries a test can grep logs for. */
final class IdSource {

    private final Supplier<String> generator;

    private IdSource(Supplier<String> generator) {
        this.generator = generator;
    }

    /** 32 lower-case hex characters (128 bits), the shape of DingTalk's own codes and tokens. */
    static IdSource random() {
        SecureRandom random = new SecureRandom();
        HexFormat hex = HexFormat.of();
        return new IdSource(() -> {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            return hex.formatHex(bytes);
        });
    }

    /** {@code prefix1}, {@code prefix2}, ... */
    static IdSource counting(String prefix) {
        AtomicLong counter = new AtomicLong();
        return new IdSource(() -> prefix + counter.incrementAndGet());
    }

    static IdSource prefixedOrRandom(String prefix) {
        return prefix == null ? random() : counting(prefix);
    }

    String next() {
        return generator.get();
    }

    /** Refresh tokens numbered like the access tokens ({@code AT} → {@code RT}) when those are counted, else random. */
    static IdSource refreshTokenIds(String tokenPrefix) {
        return tokenPrefix != null && tokenPrefix.contains("AT")
                ? counting(tokenPrefix.replace("AT", "RT"))
                : random();
    }
}
