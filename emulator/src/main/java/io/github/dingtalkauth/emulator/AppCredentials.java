package io.github.dingtalkauth.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The one app the emulator knows: its Client ID (AppKey) and Client Secret (AppSecret). */
record AppCredentials(String clientId, String clientSecret) {

    /** Both must match; compared in constant time, as a real server would. */
    boolean matches(String presentedId, String presentedSecret) {
        if (presentedId == null || presentedSecret == null) {
            return false;
        }
        boolean idMatches = equal(presentedId, clientId);
        return equal(presentedSecret, clientSecret) && idMatches;
    }

    private static boolean equal(String presented, String expected) {
        return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }
}
