package io.github.dingtalkauth.config;

/** What a browser sees when a login starts (setting {@code loginPage}). */
public enum LoginPage {
    /** Straight to DingTalk's authorization page (protocol §1.1). */
    REDIRECT,
    /** A page of the filter's own that shows DingTalk's QR code in place (DTFrameLogin, protocol §1.6). */
    QR;

    static LoginPage parse(String raw) {
        return switch (raw) {
            case "redirect" -> REDIRECT;
            case "qr" -> QR;
            default -> throw new IllegalArgumentException("expected redirect or qr");
        };
    }
}
