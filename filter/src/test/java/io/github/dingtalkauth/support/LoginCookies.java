package io.github.dingtalkauth.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/** What a browser's login cookies say, read the way a person with the browser's cookie jar could (no key needed). */
public final class LoginCookies {
    public static final String PREFIX = "DTLOGIN_";

    private final Map<String, String> cookies;

    public LoginCookies(Browser browser) {
        this.cookies = browser.cookies();
        cookies.keySet().removeIf(name -> !name.startsWith(PREFIX));
    }

    public static String nameOf(String state) {
        return PREFIX + state.substring(0, 12);
    }

    public int size() {
        return cookies.size();
    }

    public boolean contains(String state) {
        return cookies.containsKey(nameOf(state));
    }

    /** The return target this browser's cookie for the state carries; null when it holds none. */
    public String targetOf(String state) {
        String value = cookies.get(nameOf(state));
        return value == null ? null
                : new String(Base64.getUrlDecoder().decode(value.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    public Instant createdOf(String state) {
        return Instant.ofEpochSecond(Long.parseLong(cookies.get(nameOf(state)).split("\\.")[0]));
    }
}
