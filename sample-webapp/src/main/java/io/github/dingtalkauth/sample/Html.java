package io.github.dingtalkauth.sample;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.PrintWriter;

/** The little HTML kit the sample's pages share: escaping, and the same head, header and footer on every page. */
final class Html {

    private Html() {
    }

    /** Escapes text for use in element content and in quoted attribute values; null becomes "". */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** An avatar URL is shown only if it is plain http(s): a profile field must not become a javascript: URL. */
    static boolean isWebUrl(String url) {
        return url != null && (url.startsWith("https://") || url.startsWith("http://"));
    }

    /**
     * Sets the headers every page gets and writes everything up to the page's own content, in the language of
     * {@code texts}; {@code titleKey} names the page's title.
     */
    static PrintWriter begin(HttpServletRequest req, HttpServletResponse resp, Texts texts, String titleKey)
            throws IOException {
        resp.setContentType("text/html;charset=UTF-8");
        resp.setHeader("Vary", "Accept-Language");
        // Pages may show who is signed in, so neither the browser nor a proxy may keep a copy.
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Referrer-Policy", "same-origin");
        // No scripts at all; avatars may come from any https host (DingTalk's CDN) or the local emulator.
        resp.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src * data:;"
                + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        String ctx = req.getContextPath();
        PrintWriter out = resp.getWriter();
        out.println("<!DOCTYPE html>");
        out.println("<html lang=\"" + texts.language() + "\">");
        out.println("<head>");
        out.println("<meta charset=\"utf-8\">");
        out.println("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        out.println("<title>" + texts.get(titleKey) + "</title>");
        out.println("<link rel=\"stylesheet\" href=\"" + escape(ctx) + "/static/style.css\">");
        out.println("<link rel=\"icon\" href=\"data:,\">"); // no favicon request, no 404 in the log
        out.println("</head>");
        out.println("<body>");
        out.println("<header><a class=\"brand\" href=\"" + escape(ctx) + "/\">" + texts.get("site.name") + "</a>");
        out.println("<nav>");
        out.println("<a href=\"" + escape(ctx) + "/\">" + texts.get("nav.home") + "</a>");
        out.println("<a href=\"" + escape(ctx) + "/me\">" + texts.get("nav.me") + "</a>");
        out.println("<a href=\"" + escape(ctx) + "/api/me\">JSON</a>");
        out.println("<a href=\"" + escape(ctx) + "/public/about.html\">" + texts.get("nav.about") + "</a>");
        out.println("</nav></header>");
        out.println("<main>");
        return out;
    }

    static void end(PrintWriter out, Texts texts) {
        out.println("</main>");
        out.println("<footer>" + texts.get("footer") + "</footer>");
        out.println("</body>");
        out.println("</html>");
    }
}
