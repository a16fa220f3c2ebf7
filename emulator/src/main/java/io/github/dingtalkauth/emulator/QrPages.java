package io.github.dingtalkauth.emulator;

/**
 * The legacy flow's QR pages, in Chinese and English: the QR page itself (DingTalk's {@code connect/qrconnect}, and
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
            boolean inFrame) {
        String body = """
                <p class="badge">钉钉模拟器 · DingTalk emulator — 不是真正的钉钉 / not the real DingTalk</p>
                <h1><span class="logo">钉钉</span>扫码登录 <span class="en">Scan to sign in with DingTalk</span></h1>
                <p>请用钉钉扫描二维码，登录应用 <b>{client}</b>。<br>
                <span class="en">Scan the QR code with the DingTalk app to sign in to <b>{client}</b>.</span></p>
                <p class="target">登录后返回 / Returns to: {target}</p>
                <form method="post" action="{action}">
                <input type="hidden" name="ticket" value="{ticket}">
                <input type="hidden" name="frame" value="{frame}">
                <h2>模拟扫码的账号 / Scan as</h2>
                <ul>
                {rows}</ul>
                </form>
                """
                .replace("{client}", Html.escape(clientId))
                .replace("{target}", Html.escape(Pages.origin(request.redirectUri())))
                .replace("{action}", QrLogin.SCAN_PATH)
                .replace("{ticket}", Html.escape(ticket))
                .replace("{frame}", inFrame ? "1" : "0")
                .replace("{rows}", Pages.userRows(directory, "扫码 / Scan"));
        return frameable(200, Pages.page("钉钉扫码登录 · Scan to sign in with DingTalk", body));
    }

    /** The frame's answer to a scan: the relay script posts {@code loginTmpCode} to the embedding page. */
    static Response scanned(String loginTmpCode) {
        String body = """
                <p class="badge">钉钉模拟器 · DingTalk emulator</p>
                <h1>扫码成功 <span class="en">Scanned</span></h1>
                <p>正在返回应用…<br><span class="en">Returning to the app…</span></p>
                <p id="scanned" data-login-tmp-code="{code}"></p>
                <script src="{relay}"></script>
                """.replace("{code}", Html.escape(loginTmpCode)).replace("{relay}", QrLogin.RELAY_PATH);
        return frameable(200, Pages.page("扫码成功 · Scanned", body));
    }

    private static Response frameable(int status, String html) {
        return Response.html(status, html).withHeader("Content-Security-Policy", FRAMEABLE_POLICY);
    }
}
