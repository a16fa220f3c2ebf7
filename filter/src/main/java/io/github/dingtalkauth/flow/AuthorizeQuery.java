package io.github.dingtalkauth.flow;

import io.github.dingtalkauth.config.DingTalkConfig;
import io.github.dingtalkauth.config.Settings;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of the authorize URL that is the same for every login (protocol §1.1). With {@code allowedCorpIds} the
 * scope also asks for {@code corpid}, so that DingTalk names the organization the person picked, and with exactly
 * one allowed organization {@code corpId} pre-selects it; {@code exclusiveLogin} and {@code exclusiveCorpId} are
 * passed through when configured.
 */
final class AuthorizeQuery {
    static final String CORP_SCOPE = "corpid";

    private AuthorizeQuery() {
    }

    /** {@code &response_type=code&client_id=…&scope=…&prompt=consent…}, every value encoded. */
    static String fixed(DingTalkConfig config) {
        StringBuilder query = new StringBuilder();
        parameters(config).forEach((name, value) -> query.append('&').append(name).append('=').append(encode(value)));
        return query.toString();
    }

    /** The same parameters unencoded, in order, for DingTalk's embedded login (which encodes them itself). */
    static Map<String, String> parameters(DingTalkConfig config) {
        Set<String> allowed = config.get(Settings.ALLOWED_CORP_IDS);
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("response_type", "code");
        parameters.put("client_id", config.appId());
        parameters.put("scope", scope(config.get(Settings.SCOPE), allowed != null));
        parameters.put("prompt", "consent");
        if (allowed != null && allowed.size() == 1) {
            parameters.put("corpId", allowed.iterator().next());
        }
        Boolean exclusive = config.get(Settings.EXCLUSIVE_LOGIN);
        if (exclusive != null) {
            parameters.put("exclusiveLogin", exclusive.toString());
        }
        String exclusiveCorpId = config.get(Settings.EXCLUSIVE_CORP_ID);
        if (exclusiveCorpId != null) {
            parameters.put("exclusiveCorpId", exclusiveCorpId);
        }
        return parameters;
    }

    /** The authorize URL ready for its first parameter: {@code ?} appended, or {@code &} when it has a query. */
    static String base(URI authorize) {
        return authorize.toString() + (authorize.getRawQuery() == null ? "?" : "&");
    }

    /** The configured scope, plus {@code corpid} when the organization must be known. */
    static String scope(String configured, boolean needsCorp) {
        List<String> scopes = new ArrayList<>(Arrays.asList(configured.split(" ")));
        if (needsCorp && !scopes.contains(CORP_SCOPE)) {
            scopes.add(CORP_SCOPE);
        }
        return String.join(" ", scopes);
    }

    static String encode(String s) {
        // URLEncoder writes spaces as '+'; DingTalk documents %20 ("openid%20corpid").
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
