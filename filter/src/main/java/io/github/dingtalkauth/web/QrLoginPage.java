package io.github.dingtalkauth.web;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The filter's QR login page ({@code loginPage=qr}): DingTalk's embedded login script draws its QR code into the
 * page (DTFrameLogin, protocol §1.6). The page's one script runs under a per-response nonce and reads every value from
 * {@code data-} attributes (HTML-escaped, the login options as JSON), so nothing is ever written into script text.
 * It follows a scan's {@code redirectUrl} only when that is the configured callback, and falls back to the plain
 * redirect when the script cannot load. Its CSP allows exactly the script's origin and the QR frame's origin.
 */
public final class QrLoginPage {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Every text the page shows, Chinese and English, in one place. */
    static final String TITLE = "钉钉扫码登录 · Sign in with DingTalk";
    static final String SCAN_ZH = "请用钉钉扫描二维码登录。";
    static final String SCAN_EN = "Scan the QR code with the DingTalk app to sign in.";
    static final String REFUSED = "钉钉返回的地址不是本应用的回调地址，已停止。"
            + " · DingTalk answered with an address that is not this application's callback; stopped.";
    static final String ERROR = "二维码无法显示。 · The QR code could not be shown.";
    static final String FALLBACK = "改用钉钉登录页 · Sign in on DingTalk's page instead";
    static final String NO_SCRIPT = "需要启用 JavaScript 才能显示二维码。 · The QR code needs JavaScript.";

    /** Reads the data attributes, loads the script, and calls DTFrameLogin (or falls back). No value is inlined. */
    private static final String SCRIPT = """
            (function () {
              var box = document.getElementById('dt-qr');
              var fallback = box.getAttribute('data-fallback-url');
              var redirectUri = box.getAttribute('data-redirect-uri');
              var options = JSON.parse(box.getAttribute('data-login-options'));
              function show(id, detail) {
                var element = document.getElementById(id);
                element.hidden = false;
                if (typeof detail === 'string') { element.appendChild(document.createTextNode(' (' + detail + ')')); }
              }
              function isCallback(url) {
                if (typeof url !== 'string' || url.indexOf(redirectUri) !== 0) { return false; }
                var rest = url.substring(redirectUri.length);
                return rest === '' || rest.charAt(0) === (redirectUri.indexOf('?') < 0 ? '?' : '&');
              }
              function start() {
                if (typeof window.DTFrameLogin !== 'function') { location.replace(fallback); return; }
                try {
                  window.DTFrameLogin({id: 'dt-qr', width: 300, height: 300}, options, function (result) {
                    if (result && isCallback(result.redirectUrl)) { location.assign(result.redirectUrl); }
                    else { show('dt-qr-refused'); }
                  }, function (message) { show('dt-qr-error', message); });
                } catch (e) {
                  show('dt-qr-error');
                }
              }
              var script = document.createElement('script');
              script.src = box.getAttribute('data-script-url');
              script.onload = start;
              script.onerror = function () { location.replace(fallback); };
              document.head.appendChild(script);
            })();
            """;

    private QrLoginPage() {
    }

    /**
     * @param scriptOrigin the origin of {@code scriptUrl}, the one script source besides the nonce
     * @param frameOrigin  the origin of the QR frame (DingTalk's authorize origin)
     * @param redirectUri  the callback URL a scan's {@code redirectUrl} must start with
     * @param fallbackUrl  the same login as a plain redirect
     */
    public record Model(String scriptUrl, String scriptOrigin, String frameOrigin, String redirectUri,
                        String fallbackUrl, Map<String, String> loginOptions) {
    }

    public static void write(HttpServletResponse response, Model model) throws IOException {
        String nonce = nonce();
        Responses.protect(response);
        response.setHeader("Content-Security-Policy", "default-src 'none'; script-src 'nonce-" + nonce + "' "
                + model.scriptOrigin() + "; frame-src " + model.frameOrigin() + "; style-src 'unsafe-inline';"
                + " frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
        // DingTalk's frame may check which site embeds it; it gets the origin only (the page's URL is not its business).
        response.setHeader("Referrer-Policy", "strict-origin");
        response.setStatus(HttpServletResponse.SC_OK);
        PrintWriter out = BilingualPage.open(response, TITLE);
        out.write("<p lang=\"zh-CN\">" + Html.escape(SCAN_ZH) + "</p><p lang=\"en\">" + Html.escape(SCAN_EN) + "</p>");
        out.write("<div id=\"dt-qr\" style=\"min-height:300px\" data-script-url=\"" + Html.escape(model.scriptUrl())
                + "\" data-redirect-uri=\"" + Html.escape(model.redirectUri())
                + "\" data-fallback-url=\"" + Html.escape(model.fallbackUrl())
                + "\" data-login-options=\"" + Html.escape(jsonObject(model.loginOptions()).build().toString()) + "\"></div>");
        out.write("<p id=\"dt-qr-refused\" hidden>" + Html.escape(REFUSED) + "</p>");
        out.write("<p id=\"dt-qr-error\" hidden>" + Html.escape(ERROR) + "</p>");
        out.write("<noscript><p>" + Html.escape(NO_SCRIPT) + "</p></noscript>");
        out.write("<p><a id=\"dt-qr-fallback\" class=\"button\" href=\"" + Html.escape(model.fallbackUrl()) + "\">"
                + Html.escape(FALLBACK) + "</a></p>");
        out.write("<script nonce=\"" + nonce + "\">" + SCRIPT + "</script>");
        BilingualPage.close(out);
    }

    /** String values as a JSON object: for the page's data attribute, and for the JSON answer. */
    public static JsonObjectBuilder jsonObject(Map<String, String> values) {
        JsonObjectBuilder object = Json.createObjectBuilder();
        values.forEach(object::add);
        return object;
    }

    /** 128 random bits, base64: a fresh one per response, so a script injected elsewhere cannot carry it. */
    private static String nonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
