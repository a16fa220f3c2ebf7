package io.github.dingtalkauth.emulator;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The legacy flow's embedded QR login (protocol §1.6, last lines): DingTalk's older script {@code ddLogin.js}
 * ({@code g.alicdn.com/dingding/dinglogin/0.0.5/ddLogin.js}) defines {@code DDLogin({id, goto, style, width,
 * height})}, which puts DingTalk's QR page ({@code login.dingtalk.com/login/qrcode.htm?goto=…}) in an iframe; a scan
 * there posts {@code loginTmpCode} to the embedding page by {@code postMessage}, and the page navigates to
 * {@code goto + "&loginTmpCode=" + loginTmpCode}, an {@code sns_authorize} URL that redirects to the app with
 * {@code code} and {@code state} ({@link LegacyAuthorizeHandler}). Here the script, the frame, the scan form and the
 * relay script are served from the emulator's base URL; a scan on the whole-window {@code connect/qrconnect} page
 * goes to that {@code sns_authorize} URL itself, as DingTalk's page does.
 */
final class QrLogin {

    static final String SCRIPT_PATH = "/dingding/dinglogin/0.0.5/ddLogin.js";
    static final String FRAME_PATH = "/login/qrcode.htm";
    static final String SCAN_PATH = "/login/scan";
    static final String RELAY_PATH = "/login/relay.js";
    static final String LOGIN_TMP_CODE = "loginTmpCode";
    private static final String JAVASCRIPT = "text/javascript;charset=utf-8";

    private static final String SCRIPT = """
            /* Stand-in for DingTalk's ddLogin.js (dinglogin 0.0.5), served by the DingTalk emulator. */
            (function (window, document) {
              window.DDLogin = function (options) {
                var frame = document.createElement("iframe");
                var src = "{frame}?goto=" + options.goto;
                if (options.style) { src += "&style=" + encodeURIComponent(options.style); }
                frame.src = src;
                frame.frameBorder = "0";
                frame.scrolling = "no";
                frame.width = options.width ? options.width + "px" : "365px";
                frame.height = options.height ? options.height + "px" : "400px";
                var box = document.getElementById(options.id);
                box.innerHTML = "";
                box.appendChild(frame);
              };
            }(window, document));
            """;

    private static final String RELAY = """
            /* Hands a scan's loginTmpCode to the page that embeds the QR frame, as DingTalk's frame does. */
            (function () {
              var code = document.getElementById("scanned").getAttribute("data-login-tmp-code");
              if (window.parent !== window) { window.parent.postMessage(code, "*"); }
            }());
            """;

    private final String baseUrl;
    private final String clientId;
    private final LegacyAuthorizeHandler legacyAuthorize;
    private final Grants grants;
    private final Directory directory;

    QrLogin(String baseUrl, String clientId, LegacyAuthorizeHandler legacyAuthorize, Grants grants,
            Directory directory) {
        this.baseUrl = baseUrl;
        this.clientId = clientId;
        this.legacyAuthorize = legacyAuthorize;
        this.grants = grants;
        this.directory = directory;
    }

    /** The emulator's pages for this, by path. */
    Map<String, RequestHandler> pages() {
        return Map.of(
                SCRIPT_PATH, request -> script(SCRIPT.replace("{frame}", baseUrl + FRAME_PATH)),
                RELAY_PATH, request -> script(RELAY),
                FRAME_PATH, this::frame,
                SCAN_PATH, this::scan);
    }

    /** {@code GET /login/qrcode.htm?goto=…}: the QR frame for the legacy login page {@code goto} names. */
    private Response frame(RecordedRequest request) {
        try {
            String target = AuthorizeHandler.required(AuthorizeHandler.parse(request.query()), "goto");
            URI gotoUri = URI.create(target);
            if (!LegacyAuthorizeHandler.serves(gotoUri)) {
                throw new BadRequest("goto must be a legacy login page (connect/oauth2/sns_authorize)");
            }
            AuthorizeRequest valid = legacyAuthorize.validate(Optional.ofNullable(gotoUri.getRawQuery()).orElse(""));
            return QrPages.qr(clientId, valid, grants.openTicket(valid), directory, true, PageTexts.of(request));
        } catch (BadRequest e) {
            return Pages.error(400, e.getMessage(), PageTexts.of(request));
        } catch (IllegalArgumentException e) {
            return Pages.error(400, "goto is not a URL", PageTexts.of(request));
        }
    }

    /** {@code POST /login/scan}: the person scanned as {@code user}; a {@code loginTmpCode} stands for them. */
    private Response scan(RecordedRequest request) {
        if (!"POST".equals(request.method())) {
            return Pages.error(405, "only POST is allowed here, not " + request.method(), PageTexts.of(request)).withHeader("Allow", "POST");
        }
        try {
            Params form = ApproveHandler.form(request);
            if (form.repeated("ticket") || form.repeated("user")) {
                throw new BadRequest("the form is malformed");
            }
            EmulatorUser user = form.first("user").flatMap(directory::byKey)
                    .orElseThrow(() -> new BadRequest("there is no such user"));
            AuthorizeRequest scanned = form.first("ticket").flatMap(grants::closeTicket)
                    .orElseThrow(() -> new BadRequest("this QR code has expired or was already scanned"));
            String loginTmpCode = grants.issueLoginTmpCode(user);
            return form.first("frame").filter("1"::equals).isPresent() ? QrPages.scanned(loginTmpCode, PageTexts.of(request))
                    : Response.redirect(302, snsAuthorize(scanned, loginTmpCode));
        } catch (BadRequest e) {
            return Pages.error(400, e.getMessage(), PageTexts.of(request));
        }
    }

    /** The {@code sns_authorize} URL that trades {@code loginTmpCode} for the redirect back to the app. */
    private String snsAuthorize(AuthorizeRequest request, String loginTmpCode) {
        StringBuilder url = new StringBuilder(baseUrl + Endpoint.LEGACY_ACCOUNT_AUTHORIZE.emulatorPath(""))
                .append("?appid=").append(encode(clientId))
                .append("&response_type=code&scope=").append(LegacyAuthorizeHandler.SCOPE);
        if (request.state() != null) {
            url.append("&state=").append(encode(request.state()));
        }
        return url.append("&redirect_uri=").append(encode(request.redirectUri()))
                .append('&').append(LOGIN_TMP_CODE).append('=').append(encode(loginTmpCode)).toString();
    }

    private static Response script(String source) {
        return Response.script(JAVASCRIPT, source);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
