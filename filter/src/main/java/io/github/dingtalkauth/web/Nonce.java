package io.github.dingtalkauth.web;

import java.security.SecureRandom;
import java.util.Base64;

/** A Content-Security-Policy nonce: 128 random bits, fresh per response, so a script injected elsewhere lacks it. */
final class Nonce {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BYTES = 16;

    private Nonce() {
    }

    static String next() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
