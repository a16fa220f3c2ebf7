package io.github.dingtalkauth.config;

import java.net.URI;
import java.util.Locale;

/**
 * Which DingTalk the app is registered with (setting {@code edition}): the hosts {@code authorizeUrl},
 * {@code apiBaseUrl} and {@code oapiBaseUrl} default to. The international edition's hosts come from its
 * documentation at help.dingtalk.io, which names {@code api.dingtalk.io} and {@code oapi.dingtalk.io}
 * ({@code topapi/user/getbyunionid}, {@code sns/getuserinfo_bycode}); {@code login.dingtalk.io} is the login host
 * DingTalk's own command-line client switches to with the other two.
 */
public enum Edition {
    CHINA("https://login.dingtalk.com/oauth2/auth", "https://api.dingtalk.com", "https://oapi.dingtalk.com"),
    INTERNATIONAL("https://login.dingtalk.io/oauth2/auth", "https://api.dingtalk.io", "https://oapi.dingtalk.io");

    private final URI authorizeUrl;
    private final URI apiBaseUrl;
    private final URI oapiBaseUrl;

    Edition(String authorizeUrl, String apiBaseUrl, String oapiBaseUrl) {
        this.authorizeUrl = URI.create(authorizeUrl);
        this.apiBaseUrl = URI.create(apiBaseUrl);
        this.oapiBaseUrl = URI.create(oapiBaseUrl);
    }

    URI authorizeUrl() {
        return authorizeUrl;
    }

    URI apiBaseUrl() {
        return apiBaseUrl;
    }

    URI oapiBaseUrl() {
        return oapiBaseUrl;
    }

    /** As written in the settings, so that the start-up line reads {@code edition=international}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Edition parse(String raw) {
        return switch (raw) {
            case "china" -> CHINA;
            case "international" -> INTERNATIONAL;
            default -> throw new IllegalArgumentException("expected china or international");
        };
    }
}
