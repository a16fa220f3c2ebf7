package io.github.dingtalkauth.flow;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keeps each login in flight in the browser, not in a session, so that an anonymous page navigation costs the server
 * nothing and any node of a cluster can finish the login (as oauth2-proxy does). One cookie per login, named after
 * the start of its state, holding {@code <created epoch seconds>.<base64url(return target)>.<base64url(mac)>}, where
 * the HMAC-SHA256 covers the state, the time and the target under a key derived from the app secret (the same on
 * every node). The state itself is not in the cookie: only the browser that started the login holds a cookie that
 * verifies for it, which is what binds the state to this browser (login CSRF).
 *
 * <p>HttpOnly, SameSite=Lax (DingTalk's redirect back is a top-level GET, which Lax lets through), Secure on a
 * secure request, Max-Age = stateTtl, path = the context root so that a login start sees the others and keeps at
 * most maxPendingLogins by expiring the oldest. A value is never logged.
 */
public final class PendingLoginCookies {
    static final String PREFIX = "DTLOGIN_";
    /** Characters of the state in a cookie's name: 72 bits, so two logins of one browser never share a name. */
    private static final int NAME_CHARS = 12;
    /** Longer return targets go to the root instead: a cookie, and the request headers it joins, must stay small. */
    static final int MAX_TARGET_LENGTH = 1024;
    /**
     * What all of one browser's login cookies may hold together: they ride on every request to the application while
     * a login is in flight, and containers refuse request headers over 8 KiB by default. Past it, the oldest go.
     */
    static final int MAX_TOTAL_BYTES = 4096;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec key;
    private final Duration ttl;
    private final int max;

    public PendingLoginCookies(String appSecret, Duration ttl, int maxPendingLogins) {
        this(appSecret, ttl, maxPendingLogins, "dingtalk-auth pending login v1");
    }

    /**
     * The one-time tokens of the in-app sign-in page: the same cookies under a key of their own, so that a token
     * never verifies as an OAuth state at the callback, nor a state as a token.
     */
    static PendingLoginCookies forInApp(String appSecret, Duration ttl, int maxPendingLogins) {
        return new PendingLoginCookies(appSecret, ttl, maxPendingLogins, "dingtalk-auth in-app token v1");
    }

    private PendingLoginCookies(String appSecret, Duration ttl, int maxPendingLogins, String purpose) {
        this.key = new SecretKeySpec(hmac(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), HMAC),
                purpose), HMAC);
        this.ttl = ttl;
        this.max = maxPendingLogins;
    }

    /** Records a login in this browser, first expiring its oldest ones while it is at the bound. */
    void issue(HttpServletRequest request, HttpServletResponse response, String state, PendingLogin login) {
        String target = login.returnTarget().length() > MAX_TARGET_LENGTH ? ReturnTarget.ROOT : login.returnTarget();
        long created = login.createdAt().getEpochSecond();
        String value = created + "." + B64.encodeToString(target.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(mac(state, created, target));
        List<Cookie> others = pendingCookies(request);
        others.sort(Comparator.comparingLong(PendingLoginCookies::createdOf));
        int bytes = others.stream().mapToInt(PendingLoginCookies::sizeOf).sum();
        for (int i = 0; i < others.size(); i++) {
            if (others.size() - i < max && bytes + value.length() <= MAX_TOTAL_BYTES) {
                break;
            }
            bytes -= sizeOf(others.get(i));
            setCookie(request, response, others.get(i).getName(), "", 0);
        }
        setCookie(request, response, nameOf(state), value, ttl.toSeconds());
    }

    private static int sizeOf(Cookie cookie) {
        return cookie.getValue() == null ? 0 : cookie.getValue().length();
    }

    /** The login this browser holds for this state; null when it holds none or its cookie does not verify. */
    PendingLogin find(HttpServletRequest request, String state) {
        if (!StateTokens.isWellFormed(state)) {
            return null;
        }
        String name = nameOf(state);
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (name.equals(cookie.getName())) {
                PendingLogin login = verify(state, cookie.getValue());
                if (login != null) {
                    return login;
                }
            }
        }
        return null;
    }

    /** Tells the browser to drop the login of this state. */
    void clear(HttpServletRequest request, HttpServletResponse response, String state) {
        setCookie(request, response, nameOf(state), "", 0);
    }

    private PendingLogin verify(String state, String value) {
        String[] parts = value == null ? new String[0] : value.split("\\.", -1);
        if (parts.length != 3) {
            return null;
        }
        try {
            long created = Long.parseLong(parts[0]);
            String target = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            byte[] given = Base64.getUrlDecoder().decode(parts[2]);
            if (!MessageDigest.isEqual(given, mac(state, created, target))) {
                return null;
            }
            return new PendingLogin(target, Instant.ofEpochSecond(created));
        } catch (IllegalArgumentException | java.time.DateTimeException malformed) {
            return null;
        }
    }

    private byte[] mac(String state, long created, String target) {
        return hmac(key, state + "|" + created + "|" + target);
    }

    private static byte[] hmac(SecretKeySpec key, String message) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    static String nameOf(String state) {
        return PREFIX + state.substring(0, NAME_CHARS);
    }

    private static List<Cookie> pendingCookies(HttpServletRequest request) {
        List<Cookie> pending = new ArrayList<>();
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (cookie.getName().startsWith(PREFIX)) {
                    pending.add(cookie);
                }
            }
        }
        return pending;
    }

    /** When a login cookie was made, for ordering only (unverified); an unreadable one counts as oldest. */
    private static long createdOf(Cookie cookie) {
        String value = cookie.getValue();
        int dot = value == null ? -1 : value.indexOf('.');
        try {
            return dot < 0 ? Long.MIN_VALUE : Long.parseLong(value.substring(0, dot));
        } catch (NumberFormatException unreadable) {
            return Long.MIN_VALUE;
        }
    }

    /** A hand-written header: SameSite has no setter on every container's Cookie, and the value needs no quoting. */
    private static void setCookie(HttpServletRequest request, HttpServletResponse response, String name, String value,
                                  long maxAge) {
        response.addHeader("Set-Cookie", name + "=" + value + "; Path=" + request.getContextPath() + "/; Max-Age="
                + maxAge + "; HttpOnly; SameSite=Lax" + (request.isSecure() ? "; Secure" : ""));
    }
}
