package io.github.dingtalkauth.config;

/** Which generation of DingTalk's login the filter speaks (protocol §0): setting {@code flow}. */
public enum SignInFlow {
    /** The documented OAuth 2.0 flow on login.dingtalk.com and api.dingtalk.com. */
    OAUTH2,
    /** The legacy flow of GitLab's provider: qrconnect and a signed {@code sns/getuserinfo_bycode} on oapi. */
    LEGACY;

    static SignInFlow parse(String raw) {
        return switch (raw) {
            case "oauth2" -> OAUTH2;
            case "legacy" -> LEGACY;
            default -> throw new IllegalArgumentException("expected oauth2 or legacy");
        };
    }
}
