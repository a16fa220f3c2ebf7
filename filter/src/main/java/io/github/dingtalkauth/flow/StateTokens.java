package io.github.dingtalkauth.flow;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The OAuth {@code state}: 256 random bits, base64url. Opaque on purpose: the return target and everything else live
 * in the server-side {@link PendingLogin}, never inside the state.
 */
public final class StateTokens {
    private static final int BYTES = 32;
    private static final int LENGTH = 43;

    private final SecureRandom random = new SecureRandom();

    public String next() {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Only values this class could have made are looked up at all. */
    public static boolean isWellFormed(String state) {
        if (state == null || state.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = state.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
