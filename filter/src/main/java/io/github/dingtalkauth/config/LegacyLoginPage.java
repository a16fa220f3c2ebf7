package io.github.dingtalkauth.config;

/** The legacy flow's login page (protocol §2.1): setting {@code legacyLoginPage}. */
public enum LegacyLoginPage {
    /** Scan a QR code with the DingTalk app. */
    QR("/connect/qrconnect"),
    /** Sign in with the DingTalk account and password. */
    ACCOUNT("/connect/oauth2/sns_authorize");

    private final String path;

    LegacyLoginPage(String path) {
        this.path = path;
    }

    /** The page's path on the oapi host. */
    public String path() {
        return path;
    }

    static LegacyLoginPage parse(String raw) {
        return switch (raw) {
            case "qr" -> QR;
            case "account" -> ACCOUNT;
            default -> throw new IllegalArgumentException("expected qr or account");
        };
    }
}
