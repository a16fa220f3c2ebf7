package io.github.dingtalkauth.config;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * With {@code flow=legacy}, an {@code authorizeUrl} no source sets is the legacy login page on the oapi host
 * ({@code legacyLoginPage}), not the new flow's {@code login.dingtalk.com}, so that {@code flow=legacy} alone (with
 * {@code oapiBaseUrl} for a test server) is enough.
 */
final class FlowSettings {
    private FlowSettings() {
    }

    static void resolve(Map<Setting<?>, Object> values, List<ConfigSource> sources) {
        if (values.get(Settings.FLOW) != SignInFlow.LEGACY) {
            return;
        }
        String name = Settings.AUTHORIZE_URL.name();
        boolean set = sources.stream().anyMatch(s -> s.get(name) != null && !s.get(name).isBlank());
        if (!set) {
            LegacyLoginPage page = (LegacyLoginPage) values.get(Settings.LEGACY_LOGIN_PAGE);
            values.put(Settings.AUTHORIZE_URL, URI.create(values.get(Settings.OAPI_BASE_URL) + page.path()));
        }
    }
}
