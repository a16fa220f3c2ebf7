package io.github.dingtalkauth;

import io.github.dingtalkauth.config.ConfigSource;
import io.github.dingtalkauth.config.DingTalkConfig;
import io.github.dingtalkauth.config.Setting;
import io.github.dingtalkauth.config.Settings;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * The filter's settings given in code, for {@link DingTalkAuthFilter#DingTalkAuthFilter(DingTalkSettings)}: the same
 * keys as the {@code web.xml} init-params and the properties file (README, "Configuration"), checked by the same
 * code with the same messages. Immutable and validated when built.
 *
 * <pre>{@code
 * DingTalkSettings settings = DingTalkSettings.builder()
 *         .appId("dingxxxxxxxxxxxxxxxx")
 *         .appSecret(System.getenv("DINGTALK_APP_SECRET"))
 *         .redirectUri("https://intranet.example.com/app/dingtalk/callback")
 *         .excludePaths("/", "/public/*")
 *         .build();
 * }</pre>
 */
public final class DingTalkSettings {
    private final DingTalkConfig config;
    private final Clock clock;

    private DingTalkSettings(DingTalkConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public static Builder builder() {
        return new Builder("DingTalkSettings.builder()");
    }

    /** Settings from properties such as a loaded {@code dingtalk.properties}. */
    public static DingTalkSettings fromProperties(Properties properties) {
        return fromProperties(properties, "properties given to DingTalkSettings.fromProperties");
    }

    /**
     * @param source how a person finds these properties again, named by error messages: "file /etc/dingtalk.properties"
     * @throws ConfigException naming every missing, unknown or malformed key
     */
    public static DingTalkSettings fromProperties(Properties properties, String source) {
        Builder builder = new Builder(Objects.requireNonNull(source, "source"));
        properties.stringPropertyNames().forEach(name -> builder.set(name, properties.getProperty(name)));
        return builder.build();
    }

    /**
     * These settings with another clock for the filter to read when it expires started logins: the system clock
     * unless a test wants to move time on without waiting. Not a setting: no file or init-param can change it.
     */
    public DingTalkSettings withClock(Clock clock) {
        return new DingTalkSettings(config, Objects.requireNonNull(clock, "clock"));
    }

    DingTalkConfig config() {
        return config;
    }

    Clock clock() {
        return clock;
    }

    /** Every setting, the secret masked. */
    @Override
    public String toString() {
        return "DingTalkSettings" + config.maskedValues();
    }

    /**
     * Collects settings as text, exactly as a properties file would hold them ({@code ${env:NAME}} placeholders
     * included), and checks them all in {@link #build()}. A null value removes the key again.
     */
    public static final class Builder {
        private final String source;
        private final Map<String, String> values = new LinkedHashMap<>();

        private Builder(String source) {
            this.source = source;
        }

        /** Any setting by its key, such as {@code set("stateTtl", "5m")}; an unknown key fails in {@link #build()}. */
        public Builder set(String key, String text) {
            Objects.requireNonNull(key, "key");
            if (text == null) {
                values.remove(key);
            } else {
                values.put(key, text);
            }
            return this;
        }

        public Builder appId(String appId) {
            return put(Settings.APP_ID, appId);
        }

        public Builder appSecret(String appSecret) {
            return put(Settings.APP_SECRET, appSecret);
        }

        public Builder redirectUri(String redirectUri) {
            return put(Settings.REDIRECT_URI, redirectUri);
        }

        public Builder loginPath(String path) {
            return put(Settings.LOGIN_PATH, path);
        }

        public Builder callbackPath(String path) {
            return put(Settings.CALLBACK_PATH, path);
        }

        public Builder logoutPath(String path) {
            return put(Settings.LOGOUT_PATH, path);
        }

        public Builder postLogoutRedirect(String pathOrUrl) {
            return put(Settings.POST_LOGOUT_REDIRECT, pathOrUrl);
        }

        /** {@code scope("openid", "corpid")}. */
        public Builder scope(String... scopes) {
            return put(Settings.SCOPE, String.join(" ", scopes));
        }

        public Builder label(String label) {
            return put(Settings.LABEL, label);
        }

        /** {@code excludePaths("/", "/public/*", "*.css")}. */
        public Builder excludePaths(String... patterns) {
            return put(Settings.EXCLUDE_PATHS, String.join(", ", patterns));
        }

        public Builder errorPage(String path) {
            return put(Settings.ERROR_PAGE, path);
        }

        public Builder connectTimeout(Duration timeout) {
            return put(Settings.CONNECT_TIMEOUT, timeout);
        }

        public Builder requestTimeout(Duration timeout) {
            return put(Settings.REQUEST_TIMEOUT, timeout);
        }

        public Builder stateTtl(Duration ttl) {
            return put(Settings.STATE_TTL, ttl);
        }

        public Builder maxPendingLogins(int max) {
            return put(Settings.MAX_PENDING_LOGINS, Integer.toString(max));
        }

        public Builder authorizeUrl(String url) {
            return put(Settings.AUTHORIZE_URL, url);
        }

        public Builder apiBaseUrl(String url) {
            return put(Settings.API_BASE_URL, url);
        }

        public Builder oapiBaseUrl(String url) {
            return put(Settings.OAPI_BASE_URL, url);
        }

        /** {@code allowedCorpIds("ding5a8c5b6a5c8b53e535c2f4657eb6378f")}: only these organizations' employees. */
        public Builder allowedCorpIds(String... corpIds) {
            return put(Settings.ALLOWED_CORP_IDS, String.join(", ", corpIds));
        }

        public Builder requireActive(boolean requireActive) {
            return put(Settings.REQUIRE_ACTIVE, Boolean.toString(requireActive));
        }

        public Builder employeeProfile(boolean employeeProfile) {
            return put(Settings.EMPLOYEE_PROFILE, Boolean.toString(employeeProfile));
        }

        /** {@code unionId}, {@code userId} or {@code openId}. */
        public Builder principalName(String name) {
            return put(Settings.PRINCIPAL_NAME, name);
        }

        public Builder exclusiveLogin(boolean exclusiveLogin) {
            return put(Settings.EXCLUSIVE_LOGIN, Boolean.toString(exclusiveLogin));
        }

        public Builder exclusiveCorpId(String corpId) {
            return put(Settings.EXCLUSIVE_CORP_ID, corpId);
        }

        /** At most this many sign-ins (and membership re-checks) wait on DingTalk at once; default 32. */
        public Builder maxConcurrentCalls(int max) {
            return put(Settings.MAX_CONCURRENT_CALLS, Integer.toString(max));
        }

        /** At most {@code count} login starts per client address in each {@code window}; off by default. */
        public Builder loginRateLimit(int count, Duration window) {
            return put(Settings.LOGIN_RATE_LIMIT, count + "/" + text(window));
        }

        /** false: leave the caching of signed-in responses to the application. */
        public Builder cacheControl(boolean cacheControl) {
            return put(Settings.CACHE_CONTROL, Boolean.toString(cacheControl));
        }

        /** {@code oauth2} (the default) or {@code legacy}: GitLab's flow, whose openid is GitLab's uid. */
        public Builder flow(String flow) {
            return put(Settings.FLOW, flow);
        }

        /** With {@code flow("legacy")}: {@code qr} (the default) or {@code account}. */
        public Builder legacyLoginPage(String page) {
            return put(Settings.LEGACY_LOGIN_PAGE, page);
        }

        /** {@code china} (the default) or {@code international}: the hosts the URLs not set default to. */
        public Builder edition(String edition) {
            return put(Settings.EDITION, edition);
        }

        /** @throws ConfigException naming every missing, unknown or malformed key, never a value */
        public DingTalkSettings build() {
            DingTalkConfig config = DingTalkConfig.load(List.of(new ConfigSource(source, values)), System::getenv,
                    System::getProperty);
            return new DingTalkSettings(config, Clock.systemUTC());
        }

        private Builder put(Setting<?> setting, String text) {
            return set(setting.name(), text);
        }

        private Builder put(Setting<Duration> setting, Duration duration) {
            return set(setting.name(), duration == null ? null : text(duration));
        }

        /** In the largest unit that keeps it exact, as a person would write it: 90s, 10m, 2h. */
        private static String text(Duration duration) {
            long millis = duration.toMillis();
            if (millis > 0 && millis % 3_600_000 == 0) {
                return millis / 3_600_000 + "h";
            } else if (millis > 0 && millis % 60_000 == 0) {
                return millis / 60_000 + "m";
            } else if (millis > 0 && millis % 1000 == 0) {
                return millis / 1000 + "s";
            }
            return millis + "ms";
        }
    }
}
