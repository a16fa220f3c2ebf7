package io.github.dingtalkauth.emulator;

/** The three DingTalk endpoints a client talks to; faults are set per endpoint. */
public enum Endpoint {
    /** The browser-facing authorize page ({@code login.dingtalk.com/oauth2/auth}). */
    AUTHORIZE("/oauth2/auth"),
    /** The code exchange ({@code api.dingtalk.com/v1.0/oauth2/userAccessToken}). */
    TOKEN("/v1.0/oauth2/userAccessToken"),
    /** The profile of the signed-in user ({@code api.dingtalk.com/v1.0/contact/users/me}). */
    PROFILE("/v1.0/contact/users/me");

    private final String path;

    Endpoint(String path) {
        this.path = path;
    }

    /** The path of this endpoint on the emulator, the same as on DingTalk. */
    public String path() {
        return path;
    }
}
