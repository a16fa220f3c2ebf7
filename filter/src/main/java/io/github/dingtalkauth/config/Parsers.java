package io.github.dingtalkauth.config;

import io.github.dingtalkauth.DingTalkPrincipal.NameSource;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Text → typed value for {@link Settings}. Messages say what is expected and never echo secrets. */
final class Parsers {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)");
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._~\\-/]*");
    private static final Pattern CORP_ID = Pattern.compile("[A-Za-z0-9_\\-]{1,64}");
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8}){0,3}");

    private Parsers() {
    }

    static String text(String raw) {
        return raw;
    }

    /** {@code auto}, or a language tag such as {@code zh-CN} (whether a messages file answers it is checked at start). */
    static String locale(String raw) {
        String tag = raw.trim();
        if (tag.equalsIgnoreCase("auto")) {
            return "auto";
        }
        if (!LANGUAGE_TAG.matcher(tag).matches()) {
            throw new IllegalArgumentException("expected auto or a language tag such as zh-CN or en");
        }
        return tag.replace('_', '-');
    }

    static Duration duration(String raw) {
        Matcher m = DURATION.matcher(raw.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a duration such as 500ms, 5s, 10m or 1h");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
        if (d.isZero()) {
            throw new IllegalArgumentException("must be longer than zero");
        }
        return d;
    }

    static Function<String, Integer> intBetween(int min, int max) {
        return raw -> {
            int n;
            try {
                n = Integer.parseInt(raw);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a whole number from " + min + " to " + max);
            }
            if (n < min || n > max) {
                throw new IllegalArgumentException("expected a whole number from " + min + " to " + max);
            }
            return n;
        };
    }

    /** A path inside the application, such as {@code /dingtalk/login}. */
    static String path(String raw) {
        if (!PATH.matcher(raw).matches() || raw.contains("//") || raw.equals("/")
                || (raw + "/").contains("/./") || (raw + "/").contains("/../")) {
            throw new IllegalArgumentException("expected a path such as /dingtalk/login (letters, digits, . _ ~ - /)");
        }
        return raw;
    }

    /**
     * An absolute URL for a DingTalk endpoint or the redirect URI: https, or http on a loopback host (the emulator and
     * tests). No user info, no fragment.
     */
    static URI url(String raw) {
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("expected an absolute https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null
                || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("expected an absolute https URL");
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            throw new IllegalArgumentException("must use https (plain http is allowed only on a loopback host)");
        }
        return uri;
    }

    /** The base URL of DingTalk's API: like {@link #url} but without a trailing slash, so paths append cleanly. */
    static URI baseUrl(String raw) {
        URI uri = url(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
        if (uri.getRawQuery() != null) {
            throw new IllegalArgumentException("must not have a query");
        }
        return uri;
    }

    /** {@code true} or {@code false}, nothing else: a typo must not silently mean false. */
    static Boolean bool(String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }

    /** An organization's corpId, such as {@code ding5a8c5b6a5c8b53e535c2f4657eb6378f}. */
    static String corpId(String raw) {
        if (!CORP_ID.matcher(raw).matches()) {
            throw new IllegalArgumentException("expected a corpId such as ding5a8c5b6a5c8b53e535c2f4657eb6378f"
                    + " (letters, digits, _ -; at most 64 characters)");
        }
        return raw;
    }

    /** Comma-separated corpIds, in the order given, duplicates dropped. */
    static Set<String> corpIds(String raw) {
        Set<String> ids = new LinkedHashSet<>();
        for (String item : raw.split(",", -1)) {
            if (item.isBlank()) {
                throw new IllegalArgumentException("expected comma-separated corpIds, found an empty item");
            }
            ids.add(corpId(item.trim()));
        }
        return Collections.unmodifiableSet(ids);
    }

    /** {@code off}, or a count per duration such as {@code 20/1m}. */
    static RateLimit rateLimit(String raw) {
        if (raw.equalsIgnoreCase("off")) {
            return null;
        }
        int slash = raw.indexOf('/');
        String expected = "expected off, or a count per duration such as 20/1m (1 to 1000000 per 1s to 24h)";
        if (slash < 0) {
            throw new IllegalArgumentException(expected);
        }
        int count;
        Duration window;
        try {
            count = intBetween(1, 1_000_000).apply(raw.substring(0, slash).trim());
            window = duration(raw.substring(slash + 1).trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(expected);
        }
        if (window.compareTo(Duration.ofSeconds(1)) < 0 || window.compareTo(Duration.ofHours(24)) > 0) {
            throw new IllegalArgumentException(expected);
        }
        return new RateLimit(count, window);
    }

    static NameSource principalName(String raw) {
        return switch (raw) {
            case "unionId" -> NameSource.UNION_ID;
            case "userId" -> NameSource.USER_ID;
            case "openId" -> NameSource.OPEN_ID;
            default -> throw new IllegalArgumentException("expected unionId, userId or openId");
        };
    }

    static String scope(String raw) {
        String[] scopes = raw.trim().split(" +");
        if (raw.contains(",") || !Arrays.asList(scopes).contains("openid")) {
            throw new IllegalArgumentException("expected space-separated scopes including openid, e.g. \"openid corpid\"");
        }
        for (String s : scopes) {
            if (!s.matches("[A-Za-z0-9_.:]+")) {
                throw new IllegalArgumentException("expected space-separated scopes including openid, e.g. \"openid corpid\"");
            }
        }
        return String.join(" ", scopes);
    }

    /** Where logout sends the browser: a path in the application or an absolute http(s) URL chosen by the admin. */
    static String logoutTarget(String raw) {
        if (raw.startsWith("/") && !raw.startsWith("//") && raw.indexOf('\\') < 0
                && raw.chars().noneMatch(c -> c < 0x21 || c == 0x7f)) {
            return raw;
        }
        try {
            URI uri = new URI(raw);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) {
                return raw;
            }
        } catch (URISyntaxException e) {
            // fall through
        }
        throw new IllegalArgumentException("expected a path such as / or an absolute https URL");
    }

    static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        // Only literal addresses: resolving a name here would make start-up depend on DNS.
        if (!h.matches("\\d{1,3}(\\.\\d{1,3}){3}") && !h.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (Exception e) {
            return false;
        }
    }
}
