package io.github.dingtalkauth.config;

import io.github.dingtalkauth.ConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.UnaryOperator;

/**
 * The filter's settings, read once at start-up from layered sources and never changed after. Typed access goes
 * through {@link #get(Setting)}; the accessors below are for the settings every request needs.
 */
public final class DingTalkConfig {
    private static final List<String> KNOWN = Settings.ALL.stream().map(Setting::name).toList();

    private final Map<Setting<?>, Object> values;
    private final String origin;
    private final RoleRules roleRules;
    private final PathRoleRules pathRoleRules;

    private DingTalkConfig(Map<Setting<?>, Object> values, String origin, RoleRules roleRules,
                           PathRoleRules pathRoleRules) {
        this.values = Collections.unmodifiableMap(values);
        this.origin = origin;
        this.roleRules = roleRules;
        this.pathRoleRules = pathRoleRules;
    }

    /**
     * Reads every setting from the first source that has it, else its default.
     *
     * @throws ConfigException listing every missing, unknown or malformed key with the source it came from
     */
    public static DingTalkConfig load(List<ConfigSource> sources, UnaryOperator<String> env,
                                      UnaryOperator<String> sys) {
        Placeholders placeholders = new Placeholders(env, sys);
        List<String> problems = new ArrayList<>();
        reportUnknownKeys(sources, problems);
        Map<Setting<?>, Object> values = new IdentityHashMap<>();
        for (Setting<?> setting : Settings.ALL) {
            read(setting, sources, placeholders, values, problems);
        }
        if (problems.isEmpty()) {
            checkPathsDistinct(values, problems);
            OrganizationSettings.check(values, problems);
            LoginPageSettings.check(values, problems);
            InAppSettings.check(values, problems);
            FlowSettings.resolve(values, sources);
        }
        Map<String, String> ruleEntries = ruleEntries(sources, placeholders, problems);
        RoleRules roles = RoleRules.none();
        PathRoleRules paths = PathRoleRules.none();
        try {
            roles = RoleRules.parse(ruleEntries);
            paths = PathRoleRules.parse(ruleEntries, roles);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage() + " (in " + describe(sources) + ")");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("DingTalk login is misconfigured:\n  - " + String.join("\n  - ", problems));
        }
        return new DingTalkConfig(values, describe(sources), roles, paths);
    }

    private static void reportUnknownKeys(List<ConfigSource> sources, List<String> problems) {
        for (ConfigSource source : sources) {
            for (String name : source.names()) {
                if (!KNOWN.contains(name) && !isRuleKey(name)) {
                    problems.add("unknown setting '" + name + "' in " + source.description() + hintFor(name));
                }
            }
        }
    }

    /** One setting from the first source that has it, else its default; a problem instead when it cannot be had. */
    private static void read(Setting<?> setting, List<ConfigSource> sources, Placeholders placeholders,
                             Map<Setting<?>, Object> values, List<String> problems) {
        ConfigSource from = sources.stream().filter(s -> s.get(setting.name()) != null).findFirst().orElse(null);
        Object value = setting.defaultValue();
        if (from != null) {
            try {
                String text = placeholders.expand(from.get(setting.name())).trim();
                if (!text.isEmpty() || setting == Settings.EXCLUDE_PATHS) {
                    value = setting.parse(text);
                }
            } catch (IllegalArgumentException e) {
                problems.add("setting '" + setting.name() + "' in " + from.description() + ": " + e.getMessage());
                return;
            }
        }
        if (value == null && setting.isRequired()) {
            problems.add("setting '" + setting.name() + "' is required but missing"
                    + (from == null ? "" : " (empty in " + from.description() + ")")
                    + "; looked in: " + describe(sources));
        } else if (value != null) {
            values.put(setting, value);
        }
    }

    /** {@code role.<name>} and {@code require.<path>}: open-ended key families, not fixed settings. */
    private static boolean isRuleKey(String name) {
        return name.startsWith(RoleRules.PREFIX) || name.startsWith(PathRoleRules.PREFIX);
    }

    /** Every rule key with its value from the first source that has it, placeholders expanded. */
    private static Map<String, String> ruleEntries(List<ConfigSource> sources, Placeholders placeholders,
                                                   List<String> problems) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (ConfigSource source : sources) {
            for (String name : source.names()) {
                if (isRuleKey(name) && !entries.containsKey(name)) {
                    try {
                        entries.put(name, placeholders.expand(source.get(name)).trim());
                    } catch (IllegalArgumentException e) {
                        problems.add("setting '" + name + "' in " + source.description() + ": " + e.getMessage());
                    }
                }
            }
        }
        return entries;
    }

    private static String hintFor(String unknown) {
        if (unknown.equals(Settings.CONFIG_FILE.name())) {
            return "; configFile works only as an init-param (in code, load the file and use"
                    + " DingTalkSettings.fromProperties)";
        }
        return ClosestKey.to(unknown, KNOWN).map(key -> "; did you mean '" + key + "'?")
                .orElseGet(() -> " (known: " + String.join(", ", KNOWN.stream().sorted().toList()) + ")");
    }

    private static void checkPathsDistinct(Map<Setting<?>, Object> values, List<String> problems) {
        Object login = values.get(Settings.LOGIN_PATH);
        Object callback = values.get(Settings.CALLBACK_PATH);
        Object logout = values.get(Settings.LOGOUT_PATH);
        if (login.equals(callback) || login.equals(logout) || callback.equals(logout)) {
            problems.add("settings 'loginPath', 'callbackPath' and 'logoutPath' must be three different paths");
        }
        Object inApp = values.get(Settings.IN_APP_PATH);
        if (Boolean.TRUE.equals(values.get(Settings.IN_APP_LOGIN))
                && (inApp.equals(login) || inApp.equals(callback) || inApp.equals(logout))) {
            problems.add("setting 'inAppPath' must differ from 'loginPath', 'callbackPath' and 'logoutPath'");
        }
    }

    private static String describe(List<ConfigSource> sources) {
        StringJoiner joiner = new StringJoiner(", ");
        sources.forEach(s -> joiner.add(s.description()));
        return sources.isEmpty() ? "no source" : joiner.toString();
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        return (T) values.get(setting);
    }

    public String appId() {
        return get(Settings.APP_ID);
    }

    public String appSecret() {
        return get(Settings.APP_SECRET);
    }

    /** The configured redirect URI, or null when it is to be derived from each request. */
    public URI redirectUri() {
        return get(Settings.REDIRECT_URI);
    }

    public String loginPath() {
        return get(Settings.LOGIN_PATH);
    }

    public String callbackPath() {
        return get(Settings.CALLBACK_PATH);
    }

    public String logoutPath() {
        return get(Settings.LOGOUT_PATH);
    }

    public Duration stateTtl() {
        return get(Settings.STATE_TTL);
    }

    /** Whether sign-in reads the employee profile: {@code employeeProfile=true}, or implied by allowedCorpIds. */
    public boolean employeeProfile() {
        return get(Settings.ALLOWED_CORP_IDS) != null || get(Settings.EMPLOYEE_PROFILE);
    }

    /**
     * Whether DingTalk's embedded QR login (DTFrameLogin) can be offered: the OAuth 2.0 flow, and a corpId when the
     * scope asks for the organization. Always true with {@code loginPage=qr}, which start-up refuses otherwise.
     */
    public boolean frameLoginPossible() {
        return get(Settings.FLOW) == SignInFlow.OAUTH2 && LoginPageSettings.frameCorpIdKnown(values);
    }

    /** The {@code role.*} rules; empty when none are configured. */
    public RoleRules roleRules() {
        return roleRules;
    }

    /** The {@code require.*} rules; empty when none are configured. */
    public PathRoleRules pathRoleRules() {
        return pathRoleRules;
    }

    /** Where the settings came from, as error messages name the sources: "init-param of filter 'dingtalk', …". */
    public String origin() {
        return origin;
    }

    /** Every setting as {@code {appId=…, appSecret=****, …}}: the secret masked, for logs and toString(). */
    public String maskedValues() {
        StringJoiner joiner = new StringJoiner(", ", "{", "}");
        for (Setting<?> setting : Settings.ALL) {
            Object value = values.get(setting);
            joiner.add(setting.name() + "=" + (setting.isSecret() && value != null ? "****" : value));
        }
        if (!roleRules.isEmpty()) {
            joiner.add("roles=" + roleRules.roleNames());
        }
        return joiner.toString();
    }

    @Override
    public String toString() {
        return "DingTalkConfig" + maskedValues();
    }
}
