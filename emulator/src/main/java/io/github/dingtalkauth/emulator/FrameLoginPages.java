package io.github.dingtalkauth.emulator;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The stand-in QR frame's two pages. They may be framed only by the origin of the login's {@code redirect_uri}, the
 * page DingTalk expects to embed them. Markup that tests use is kept exact: one {@code <button name="user"
 * value="KEY">} per user inside the frame.
 */
final class FrameLoginPages {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MODULES = 21;
    private static final String STYLE = """
            <style>
            body { margin: 0; font-family: "PingFang SC", "Microsoft YaHei", Arial, sans-serif; font-size: 12px;
                   color: #1f2329; text-align: center; background: #fff; }
            svg { width: 132px; height: 132px; margin: 6px auto 2px; display: block; }
            p { margin: 2px 0; color: #646a73; }
            button { font: inherit; margin: 2px; padding: 3px 8px; border-radius: 4px; border: 1px solid #3370ff;
                     background: #3370ff; color: #fff; cursor: pointer; }
            </style>
            """;

    private FrameLoginPages() {
    }

    /** A fake QR code (not scannable: it only looks the part) and a "scan as" button per user. */
    static Response frame(AuthorizeRequest login, String ticket, Directory directory, PageTexts texts) {
        StringBuilder buttons = new StringBuilder();
        for (EmulatorUser user : directory.users()) {
            buttons.append("<button name=\"user\" value=\"").append(Html.escape(user.key())).append("\">")
                    .append(Pages.text(texts, "frame.scanAs")).append(' ')
                    .append(Html.escape(user.nick())).append("</button>");
        }
        String body = "<p>" + Pages.text(texts, "badge.short") + "</p>" + fakeCode(ticket)
                + "<p>" + Pages.text(texts, "frame.scanWith") + "</p>"
                + "<form method=\"post\" action=\"" + FrameLogin.SCAN_PATH + "\">"
                + "<input type=\"hidden\" name=\"ticket\" value=\"" + Html.escape(ticket) + "\">" + buttons + "</form>";
        return framed(login, page(texts, Pages.text(texts, "frame.title"), body),
                "default-src 'none'; style-src 'unsafe-inline';"
                + " form-action 'self'; base-uri 'none'");
    }

    /** After a scan: posts {redirectUrl, authCode, state} to the embedding page, and to its origin only. */
    static Response scanned(AuthorizeRequest login, String redirectUrl, String code, PageTexts texts) {
        String nonce = nonce();
        String state = login.state() == null ? "" : login.state();
        String body = "<p>" + Pages.text(texts, "qr.scanned") + "</p><div id=\"scan\" data-redirect-url=\""
                + Html.escape(redirectUrl)
                + "\" data-auth-code=\"" + Html.escape(code) + "\" data-state=\"" + Html.escape(state)
                + "\" data-target-origin=\"" + Html.escape(Pages.origin(login.redirectUri())) + "\"></div>"
                + "<script nonce=\"" + nonce + "\">(function () { var d = document.getElementById('scan');"
                + " parent.postMessage({redirectUrl: d.getAttribute('data-redirect-url'),"
                + " authCode: d.getAttribute('data-auth-code'), state: d.getAttribute('data-state')},"
                + " d.getAttribute('data-target-origin')); })();</script>";
        return framed(login, page(texts, Pages.text(texts, "qr.scanned"), body),
                "default-src 'none'; style-src 'unsafe-inline';"
                + " script-src 'nonce-" + nonce + "'; base-uri 'none'");
    }

    private static Response framed(AuthorizeRequest login, String html, String policy) {
        return Response.html(200, html).withHeader("Content-Security-Policy",
                policy + "; frame-ancestors " + Pages.origin(login.redirectUri()));
    }

    private static String page(PageTexts texts, String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"" + texts.language() + "\"><head><meta charset=\"utf-8\"><title>"
                + title + "</title>"
                + STYLE + "</head><body>" + body + "</body></html>\n";
    }

    /** 21×21 modules from the ticket's hash, with the three finder squares a QR code has. */
    private static String fakeCode(String ticket) {
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "
                + MODULES + " " + MODULES + "\" aria-hidden=\"true\"><rect width=\"21\" height=\"21\" fill=\"#fff\"/>");
        int seed = ticket.hashCode();
        for (int y = 0; y < MODULES; y++) {
            for (int x = 0; x < MODULES; x++) {
                seed = seed * 1103515245 + 12345;
                boolean finder = (x < 8 || x > 12) && y < 8 || x < 8 && y > 12;
                if (!finder && (seed >>> 16 & 1) == 1) {
                    svg.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"1\" height=\"1\"/>");
                }
            }
        }
        for (int[] corner : new int[][] {{0, 0}, {14, 0}, {0, 14}}) {
            svg.append("<rect x=\"").append(corner[0] + 0.5).append("\" y=\"").append(corner[1] + 0.5)
                    .append("\" width=\"6\" height=\"6\" fill=\"none\" stroke=\"#000\"/><rect x=\"")
                    .append(corner[0] + 2).append("\" y=\"").append(corner[1] + 2).append("\" width=\"3\" height=\"3\"/>");
        }
        return svg.append("</svg>").toString();
    }

    private static String nonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
