package io.github.dingtalkauth.web;

import java.net.URI;
import java.util.Locale;

/** Builds {@code scheme://host[:port]} the way browsers write an Origin: lower case, default port left out. */
public final class Origins {
    private Origins() {
    }

    public static String of(URI url) {
        return of(url.getScheme(), url.getHost(), url.getPort());
    }

    public static String of(String scheme, String host, int port) {
        String s = scheme.toLowerCase(Locale.ROOT);
        boolean defaultPort = port <= 0 || (s.equals("https") && port == 443) || (s.equals("http") && port == 80);
        String h = host.toLowerCase(Locale.ROOT);
        if (h.indexOf(':') >= 0 && !h.startsWith("[")) {
            h = "[" + h + "]";
        }
        return s + "://" + h + (defaultPort ? "" : ":" + port);
    }
}
