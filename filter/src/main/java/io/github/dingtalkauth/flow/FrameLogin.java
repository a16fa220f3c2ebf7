package io.github.dingtalkauth.flow;

import io.github.dingtalkauth.config.DingTalkConfig;
import io.github.dingtalkauth.config.Settings;
import io.github.dingtalkauth.web.Origins;
import io.github.dingtalkauth.web.QrLoginPage;
import io.github.dingtalkauth.web.Responses;
import jakarta.json.Json;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DingTalk's embedded QR login (protocol §1.6): the {@code loginOptions} DTFrameLogin takes for one login, and the
 * two ways they reach a browser, the filter's QR page and a JSON answer for applications that draw their own page.
 * With the {@code corpid} scope DingTalk requires {@code org_type} and {@code corpId}: {@code corpId} is the one
 * allowed organization (start-up refuses otherwise), {@code org_type} is {@code management}, the only value DingTalk
 * documents.
 */
final class FrameLogin {
    static final String ORG_TYPE = "management";

    private final Map<String, String> fixed;
    private final URI scriptUrl;
    private final String scriptOrigin;
    private final String frameOrigin;

    FrameLogin(DingTalkConfig config) {
        Map<String, String> parameters = AuthorizeQuery.parameters(config);
        if (Arrays.asList(parameters.get("scope").split(" ")).contains(AuthorizeQuery.CORP_SCOPE)) {
            parameters.put("org_type", ORG_TYPE);
        }
        this.fixed = Collections.unmodifiableMap(parameters);
        this.scriptUrl = config.get(Settings.QR_LOGIN_SCRIPT_URL);
        this.scriptOrigin = Origins.of(scriptUrl);
        this.frameOrigin = Origins.of(config.get(Settings.AUTHORIZE_URL));
    }

    /** The filter's own page with the QR code in place, in the reader's language. */
    LoginEntrance page(Failures failures) {
        return (request, response, login) -> QrLoginPage.write(response, failures.messages(request),
                new QrLoginPage.Model(scriptUrl.toString(), scriptOrigin, frameOrigin, login.redirectUri(),
                        login.fallbackUrl(), loginOptions(login)));
    }

    /** The same parameters as JSON, {@code no-store}, for a page the application draws itself. */
    LoginEntrance json() {
        return (request, response, login) -> {
            Responses.json(response, HttpServletResponse.SC_OK, Json.createObjectBuilder()
                    .add("scriptUrl", scriptUrl.toString())
                    .add("redirectUri", login.redirectUri())
                    .add("fallbackUrl", login.fallbackUrl())
                    .add("loginOptions", QrLoginPage.jsonObject(loginOptions(login)))
                    .build().toString());
        };
    }

    /** DTFrameLogin's second argument, in a stable order: the fixed parameters, the redirect URI and the state. */
    Map<String, String> loginOptions(StartedLogin login) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("redirect_uri", login.redirectUri());
        options.put("client_id", fixed.get("client_id"));
        options.put("scope", fixed.get("scope"));
        options.put("response_type", fixed.get("response_type"));
        options.put("prompt", fixed.get("prompt"));
        options.put("state", login.state());
        fixed.forEach(options::putIfAbsent);
        return options;
    }
}
