package io.github.dingtalkauth.web;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;

/**
 * The filter's QR login page ({@code loginPage=qr}): DingTalk's embedded login script draws its QR code into the
 * page (DTFrameLogin, protocol §1.6). The page's one script runs under a per-response nonce and reads every value from
 * {@code data-} attributes (HTML-escaped, the login options as JSON), so nothing is ever written into script text.
 * It follows a scan's {@code redirectUrl} only when that is the configured callback, and falls back to the plain
 * redirect when the script cannot load. Its CSP allows exactly the script's origin and the QR frame's origin.
 */
public final class QrLoginPage {
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

    public static void write(HttpServletResponse response, Messages messages, Model model) throws IOException {
        String nonce = Nonce.next();
        Responses.protect(response);
        response.setHeader("Content-Security-Policy", "default-src 'none'; script-src 'nonce-" + nonce + "' "
                + model.scriptOrigin() + "; frame-src " + model.frameOrigin() + "; style-src 'unsafe-inline';"
                + " frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
        // DingTalk's frame may check which site embeds it; it gets the origin only (the page's URL is none of its
        // business).
        response.setHeader("Referrer-Policy", "strict-origin");
        response.setStatus(HttpServletResponse.SC_OK);
        PrintWriter out = Page.open(response, messages, messages.text("qr.title"));
        out.write("<p>" + Html.escape(messages.text("qr.scan")) + "</p>");
        out.write("<div id=\"dt-qr\" style=\"min-height:300px\" data-script-url=\"" + Html.escape(model.scriptUrl())
                + "\" data-redirect-uri=\"" + Html.escape(model.redirectUri())
                + "\" data-fallback-url=\"" + Html.escape(model.fallbackUrl())
                + "\" data-login-options=\"" + Html.escape(jsonObject(model.loginOptions()).build().toString())
                + "\"></div>");
        out.write("<p id=\"dt-qr-refused\" hidden>" + Html.escape(messages.text("qr.refused")) + "</p>");
        out.write("<p id=\"dt-qr-error\" hidden>" + Html.escape(messages.text("qr.error")) + "</p>");
        out.write("<noscript><p>" + Html.escape(messages.text("qr.noScript")) + "</p></noscript>");
        out.write("<p><a id=\"dt-qr-fallback\" class=\"button\" href=\"" + Html.escape(model.fallbackUrl()) + "\">"
                + Html.escape(messages.text("qr.fallback")) + "</a></p>");
        out.write("<script nonce=\"" + nonce + "\">" + SCRIPT + "</script>");
        Page.close(out);
    }

    /** String values as a JSON object: for the page's data attribute, and for the JSON answer. */
    public static JsonObjectBuilder jsonObject(Map<String, String> values) {
        JsonObjectBuilder object = Json.createObjectBuilder();
        values.forEach(object::add);
        return object;
    }
}
