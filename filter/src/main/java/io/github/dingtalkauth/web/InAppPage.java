package io.github.dingtalkauth.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;

/**
 * The page an anonymous navigation from inside DingTalk's client gets instead of the redirect: it loads DingTalk's JS
 * SDK, asks the client for an in-app code and POSTs it with the page's one-time token; on any failure, or after the
 * time allowed, it goes once to the ordinary login. Without scripts it shows a link to that login. Its
 * Content-Security-Policy allows scripts from the SDK's origin and its own nonce'd script only; every value reaches
 * the script through escaped {@code data-} attributes, so the script text is fixed.
 */
public final class InAppPage {

    /** The page's own script; see the class comment. Fails over to {@code data-fallback} once, never twice. */
    static final String SCRIPT = """
            (function () {
              var form = document.getElementById('dt-inapp'), d = form.dataset, done = false;
              function fallback() { if (!done) { done = true; window.location.replace(d.fallback); } }
              function submit(answer) {
                var code = answer && (answer.code || answer.authCode);
                if (done) { return; }
                if (typeof code !== 'string' || !code) { fallback(); return; }
                done = true;
                form.elements.code.value = code;
                form.submit();
              }
              function ask() {
                var dd = window.dd;
                try {
                  if (!dd || (dd.env && dd.env.platform === 'notInDingTalk')) { fallback(); return; }
                  var permission = dd.runtime && dd.runtime.permission;
                  var call = typeof dd.requestAuthCode === 'function' ? dd.requestAuthCode
                    : permission && typeof permission.requestAuthCode === 'function' ? permission.requestAuthCode
                    : null;
                  if (!call) { fallback(); return; }
                  var owner = call === dd.requestAuthCode ? dd : permission;
                  var answer = call.call(owner, {corpId: d.corpId, clientId: d.clientId,
                    onSuccess: submit, onFail: fallback});
                  if (answer && typeof answer.then === 'function') { answer.then(submit, fallback); }
                } catch (e) { fallback(); }
              }
              setTimeout(fallback, Number(d.timeout));
              var sdk = document.createElement('script');
              sdk.src = d.sdk;
              sdk.onload = function () {
                if (window.dd && typeof window.dd.ready === 'function') { window.dd.ready(ask); } else { ask(); }
              };
              sdk.onerror = fallback;
              document.head.appendChild(sdk);
            })();
            """;

    private final String sdkUrl;
    private final String sdkOrigin;
    private final String authorizeOrigin;
    private final String clientId;
    private final long timeoutMillis;

    /**
     * @param authorizeUrl DingTalk's login page: a refused code is redirected on to it, and browsers hold every
     *                     redirect after a form's POST to the form's {@code form-action}
     */
    public InAppPage(URI sdkUrl, URI authorizeUrl, String clientId, long timeoutMillis) {
        this.sdkUrl = sdkUrl.toString();
        this.sdkOrigin = Origins.of(sdkUrl);
        this.authorizeOrigin = Origins.of(authorizeUrl);
        this.clientId = clientId;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * Writes the page.
     *
     * @param postUrl     {@code inAppPath} with the context path
     * @param token       the page's one-time token
     * @param fallbackUrl the ordinary login, coming back to the page asked for
     */
    public void write(HttpServletResponse response, Messages messages, String corpId, String postUrl, String token,
                      String fallbackUrl) throws IOException {
        String nonce = Nonce.next();
        Responses.protect(response);
        response.setHeader("Content-Security-Policy", "default-src 'none'; script-src " + sdkOrigin + " 'nonce-"
                + nonce + "'; style-src 'unsafe-inline'; form-action 'self' " + authorizeOrigin
                + "; frame-ancestors 'none'; base-uri 'none'");
        response.setStatus(HttpServletResponse.SC_OK);
        PrintWriter out = Page.open(response, messages, messages.text("inApp.title"));
        out.write("<p>" + Html.escape(messages.text("inApp.wait")) + "</p>");
        out.write("<form id=\"dt-inapp\" method=\"post\" action=\"" + Html.escape(postUrl)
                + "\" data-sdk=\"" + Html.escape(sdkUrl) + "\" data-corp-id=\"" + Html.escape(corpId)
                + "\" data-client-id=\"" + Html.escape(clientId) + "\" data-timeout=\"" + timeoutMillis
                + "\" data-fallback=\"" + Html.escape(fallbackUrl) + "\">"
                + "<input type=\"hidden\" name=\"state\" value=\"" + Html.escape(token) + "\">"
                + "<input type=\"hidden\" name=\"code\" value=\"\"></form>");
        out.write("<p><a class=\"button\" id=\"dt-signin\" href=\"" + Html.escape(fallbackUrl) + "\">"
                + Html.escape(messages.text("inApp.link")) + "</a></p><p class=\"code\">"
                + Html.escape(messages.text("inApp.hint")) + "</p>");
        out.write("<script nonce=\"" + nonce + "\">" + SCRIPT + "</script>");
        Page.close(out);
    }

}
