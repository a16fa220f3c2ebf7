package io.github.dingtalkauth.emulator;

/**
 * The legacy flow's QR pages, in the reader's language: the QR page itself (DingTalk's {@code connect/qrconnect}, and
 * the frame {@code ddLogin.js} embeds), where scanning is a button per user, and the frame's answer to a scan, which
 * hands {@code loginTmpCode} to the embedding page. Tests parse the same markup as on the consent page
 * ({@code name="ticket"}, {@code <button name="user" value="KEY">}) and {@code data-login-tmp-code}.
 */
final class QrPages {

    /**
     * DingTalk's QR frame is embedded by any app's page, so unlike the consent page these may be framed; the one
     * script is the emulator's own relay.
     */
    private static final String FRAMEABLE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; "
            + "script-src 'self'; base-uri 'none'";

    private QrPages() {
    }

    /** @param inFrame whether the page is the frame ddLogin.js embeds (a scan then answers the frame) */
    static Response qr(String clientId, AuthorizeRequest request, String ticket, Directory directory,
            boolean inFrame, PageTexts texts) {
        String body = """
                <p class="badge">{badge}</p>
                <h1><span class="logo">{logo}</span>{heading}</h1>
                <p>{asks}</p>
                <p class="target">{returnsTo} {target}</p>
                <form method="post" action="{action}">
                <input type="hidden" name="ticket" value="{ticket}">
                <input type="hidden" name="frame" value="{frame}">
                <h2>{scanAs}</h2>
                <ul>
                {rows}</ul>
                </form>
                """
                .replace("{badge}", Pages.text(texts, "badge"))
                .replace("{logo}", Pages.text(texts, "consent.logo"))
                .replace("{heading}", Pages.text(texts, "qr.heading"))
                .replace("{asks}", Pages.text(texts, "qr.asks").replace("{client}", "<b>" + Html.escape(clientId) + "</b>"))
                .replace("{returnsTo}", Pages.text(texts, "consent.returnsTo"))
                .replace("{target}", Html.escape(Pages.origin(request.redirectUri())))
                .replace("{action}", QrLogin.SCAN_PATH)
                .replace("{ticket}", Html.escape(ticket))
                .replace("{frame}", inFrame ? "1" : "0")
                .replace("{scanAs}", Pages.text(texts, "qr.scanAs"))
                .replace("{rows}", Pages.userRows(directory, Pages.text(texts, "qr.scan"), texts));
        return frameable(Pages.page(200, texts, Pages.text(texts, "qr.title"), body));
    }

    /** The frame's answer to a scan: the relay script posts {@code loginTmpCode} to the embedding page. */
    static Response scanned(String loginTmpCode, PageTexts texts) {
        String body = """
                <p class="badge">{badge}</p>
                <h1>{heading}</h1>
                <p>{returning}</p>
                <p id="scanned" data-login-tmp-code="{code}"></p>
                <script src="{relay}"></script>
                """.replace("{badge}", Pages.text(texts, "badge.short"))
                .replace("{heading}", Pages.text(texts, "qr.scanned"))
                .replace("{returning}", Pages.text(texts, "qr.returning"))
                .replace("{code}", Html.escape(loginTmpCode)).replace("{relay}", QrLogin.RELAY_PATH);
        return frameable(Pages.page(200, texts, Pages.text(texts, "qr.scanned"), body));
    }

    private static Response frameable(Response page) {
        return page.withHeader("Content-Security-Policy", FRAMEABLE_POLICY);
    }
}
