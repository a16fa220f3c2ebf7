package io.github.dingtalkauth.emulator;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.stream.Collectors;

/**
 * The app's registered redirect URIs and how an authorize request's {@code redirect_uri} is matched against them.
 *
 * <p>Exact matching (the default) compares strings, the strictest reading of DingTalk's rule, which suits tests.
 * Lenient matching imitates a registered callback <em>domain</em>: a {@code redirect_uri} is accepted when its path
 * and query are those of a registered URI and its host is this machine (a loopback name or address, or a name or
 * address of one of its network interfaces) or one of the configured hosts, on any port and either scheme. It is what
 * a development server needs that is opened as {@code localhost}, {@code 127.0.0.1} or its LAN name alike.
 */
final class RedirectUris {

    private final Set<String> registered;
    private final boolean lenient;
    private final Set<String> extraHosts;

    RedirectUris(List<String> registered, boolean lenient, Set<String> extraHosts) {
        this.registered = new CopyOnWriteArraySet<>(registered);
        this.lenient = lenient;
        this.extraHosts = extraHosts.stream().map(host -> host.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    void register(String uri) {
        registered.add(uri);
    }

    List<String> registered() {
        return List.copyOf(registered);
    }

    boolean lenient() {
        return lenient;
    }

    boolean accepts(String redirectUri) {
        if (registered.contains(redirectUri)) {
            return true;
        }
        if (!lenient) {
            return false;
        }
        URI candidate = parse(redirectUri);
        return candidate != null && hostAccepted(candidate.getHost())
                && registered.stream().map(RedirectUris::parse).filter(Objects::nonNull)
                .anyMatch(known -> Objects.equals(known.getRawPath(), candidate.getRawPath())
                        && Objects.equals(known.getRawQuery(), candidate.getRawQuery()));
    }

    private boolean hostAccepted(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (extraHosts.contains(name) || name.equals("localhost") || name.endsWith(".localhost")) {
            return true;
        }
        try {
            // The browser resolved the same name to reach the app, so this lookup normally answers from a cache.
            String bare = name.startsWith("[") ? name.substring(1, name.length() - 1) : name; // an IPv6 literal
            for (InetAddress address : InetAddress.getAllByName(bare)) {
                if (address.isLoopbackAddress() || address.isAnyLocalAddress()
                        || NetworkInterface.getByInetAddress(address) != null) {
                    return true;
                }
            }
        } catch (UnknownHostException | SocketException e) {
            return false;
        }
        return false;
    }

    /** An absolute http(s) URI with a host and neither user info nor a fragment, else null. */
    private static URI parse(String uri) {
        try {
            URI parsed = new URI(uri);
            String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
            boolean web = scheme.equals("http") || scheme.equals("https");
            return web && parsed.getHost() != null && parsed.getRawUserInfo() == null
                    && parsed.getRawFragment() == null ? parsed : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
