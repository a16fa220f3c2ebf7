package io.github.dingtalkauth.emulator;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The DingTalk endpoints a client talks to; faults are set and requests counted per endpoint.
 *
 * <p>{@link #path()} is the path on DingTalk's host, and also the path under the emulator's matching base URL:
 * {@link DingTalkEmulator#baseUrl()} for the authorize page, {@link DingTalkEmulator#apiBaseUrl()} for
 * {@code api.dingtalk.com} and {@link DingTalkEmulator#oapiBaseUrl()} (the same server, under {@code /oapi}) for
 * {@code oapi.dingtalk.com}. {@link DingTalkEmulator#url(Endpoint)} gives the whole URL.
 */
public enum Endpoint {
    /** The browser-facing authorize page ({@code login.dingtalk.com/oauth2/auth}). */
    AUTHORIZE(Host.LOGIN, "/oauth2/auth"),
    /** The code exchange ({@code api.dingtalk.com/v1.0/oauth2/userAccessToken}). */
    TOKEN(Host.API, "/v1.0/oauth2/userAccessToken"),
    /** The profile of the signed-in user ({@code api.dingtalk.com/v1.0/contact/users/me}). */
    PROFILE(Host.API, "/v1.0/contact/users/me"),
    /** The app access token, new style ({@code api.dingtalk.com/v1.0/oauth2/accessToken}). */
    APP_TOKEN(Host.API, "/v1.0/oauth2/accessToken"),
    /** The app access token, unified style ({@code api.dingtalk.com/v1.0/oauth2/{corpId}/token}). */
    CORP_APP_TOKEN(Host.API, "/v1.0/oauth2/{corpId}/token"),
    /** The app access token, legacy style ({@code oapi.dingtalk.com/gettoken}). */
    LEGACY_APP_TOKEN(Host.OAPI, "/gettoken"),
    /** Organization membership by unionId ({@code oapi.dingtalk.com/topapi/user/getbyunionid}). */
    USER_BY_UNIONID(Host.OAPI, "/topapi/user/getbyunionid"),
    /** The employee profile ({@code oapi.dingtalk.com/topapi/v2/user/get}). */
    EMPLOYEE(Host.OAPI, "/topapi/v2/user/get"),
    /** The legacy flow's QR login page ({@code oapi.dingtalk.com/connect/qrconnect}). */
    LEGACY_QR_AUTHORIZE(Host.OAPI, "/connect/qrconnect"),
    /** The legacy flow's account login page ({@code oapi.dingtalk.com/connect/oauth2/sns_authorize}). */
    LEGACY_ACCOUNT_AUTHORIZE(Host.OAPI, "/connect/oauth2/sns_authorize"),
    /** The legacy flow's signed code → identity call ({@code oapi.dingtalk.com/sns/getuserinfo_bycode}). */
    LEGACY_USER_INFO(Host.OAPI, "/sns/getuserinfo_bycode"),
    /** Who an in-app code from DingTalk's client stands for ({@code oapi.dingtalk.com/topapi/v2/user/getuserinfo}). */
    IN_APP_USER_INFO(Host.OAPI, "/topapi/v2/user/getuserinfo"),
    /** DingTalk's JS SDK as a page inside the client loads it ({@code g.alicdn.com/…/dingtalk.open.js}). */
    JSAPI(Host.CDN, InAppHandlers.SDK_PATH);

    /** Which DingTalk host an endpoint lives on, and where that host's paths start on the emulator. */
    enum Host {
        LOGIN(""), API(""), OAPI("/oapi"), CDN("");

        private final String prefix;

        Host(String prefix) {
            this.prefix = prefix;
        }

        String prefix() {
            return prefix;
        }
    }

    private static final String CORP_ID = "{corpId}";

    private final Host host;
    private final String path;
    private final Pattern emulatorPath;

    Endpoint(Host host, String path) {
        this.host = host;
        this.path = path;
        String full = host.prefix() + path;
        this.emulatorPath = Pattern.compile(Pattern.quote(full).replace(CORP_ID, "\\E[^/]+\\Q"));
    }

    /** The path on DingTalk's host; {@code {corpId}} stands for a path segment in {@link #CORP_APP_TOKEN}. */
    public String path() {
        return path;
    }

    Host host() {
        return host;
    }

    /** The raw path on the emulator, with {@code corpId} filled into a template path. */
    String emulatorPath(String corpId) {
        return host.prefix() + path.replace(CORP_ID, corpId);
    }

    /** The endpoint a raw request path on the emulator belongs to. */
    static Optional<Endpoint> at(String rawPath) {
        for (Endpoint endpoint : values()) {
            if (endpoint.emulatorPath.matcher(rawPath).matches()) {
                return Optional.of(endpoint);
            }
        }
        return Optional.empty();
    }

    /** The {@code corpId} segment of a {@link #CORP_APP_TOKEN} path. */
    static String corpIdIn(String rawPath) {
        int start = CORP_APP_TOKEN.host.prefix().length() + CORP_APP_TOKEN.path.indexOf(CORP_ID);
        return rawPath.substring(start, rawPath.lastIndexOf('/'));
    }
}
