package io.github.dingtalkauth.config;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The hosts no source sets follow {@code edition} and {@code flow}: {@code apiBaseUrl} and {@code oapiBaseUrl} are
 * the edition's, and {@code authorizeUrl} is the edition's login page, or with {@code flow=legacy} the legacy login
 * page ({@code legacyLoginPage}) on the resolved oapi host, so that {@code flow=legacy} alone (with
 * {@code oapiBaseUrl} for a test server) is enough. A URL a source sets always wins.
 */
final class FlowSettings {
    private FlowSettings() {
    }

    static void resolve(Map<Setting<?>, Object> values, List<ConfigSource> sources) {
        Edition edition = (Edition) values.get(Settings.EDITION);
        defaultUnlessSet(Settings.API_BASE_URL, edition.apiBaseUrl(), values, sources);
        defaultUnlessSet(Settings.OAPI_BASE_URL, edition.oapiBaseUrl(), values, sources);
        URI authorize = edition.authorizeUrl();
        if (values.get(Settings.FLOW) == SignInFlow.LEGACY) {
            LegacyLoginPage page = (LegacyLoginPage) values.get(Settings.LEGACY_LOGIN_PAGE);
            authorize = URI.create(values.get(Settings.OAPI_BASE_URL) + page.path());
        }
        defaultUnlessSet(Settings.AUTHORIZE_URL, authorize, values, sources);
    }

    private static void defaultUnlessSet(Setting<URI> setting, URI value, Map<Setting<?>, Object> values,
                                         List<ConfigSource> sources) {
        String name = setting.name();
        if (sources.stream().noneMatch(s -> s.get(name) != null && !s.get(name).isBlank())) {
            values.put(setting, value);
        }
    }
}
