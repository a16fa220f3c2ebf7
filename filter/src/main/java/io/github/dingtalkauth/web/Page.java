package io.github.dingtalkauth.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * The frame of the filter's own pages, in one language: {@code <html lang>} names it, and a page whose language
 * {@code Accept-Language} chose says {@code Vary: Accept-Language}. Inline styles only (the Content-Security-Policy
 * of {@link Responses#protect} allows no scripts and no other source). A new page, its keys added to
 * {@code messages_en.properties} and {@code messages_zh_CN.properties}:
 * <pre>{@code
 * Messages messages = texts.forRequest(request);
 * PrintWriter out = Page.open(response, messages, messages.text(titleKey));
 * out.write(Html.escape(messages.text(bodyKey)));
 * Page.close(out);
 * }</pre>
 */
public final class Page {
    static final String CONTENT_TYPE = "text/html;charset=UTF-8";

    private static final String STYLE = "body{font-family:system-ui,-apple-system,\"PingFang SC\",\"Microsoft YaHei\","
            + "sans-serif;background:#f5f6f7;color:#1f2329;margin:0;display:flex;min-height:100vh;align-items:center;"
            + "justify-content:center}main{background:#fff;border-radius:12px;padding:32px 40px;max-width:440px;"
            + "box-shadow:0 2px 12px rgba(0,0,0,.08)}h1{font-size:20px;margin:0 0 16px}p{line-height:1.6}"
            + ".button{display:inline-block;background:#0089ff;color:#fff;text-decoration:none;padding:10px 20px;"
            + "border:0;border-radius:6px;margin-top:8px;font:inherit;cursor:pointer}"
            + ".code{color:#8f959e;font-size:12px;margin-top:24px}";

    private Page() {
    }

    /** The headers of a page in {@code messages}' language, without a body (a HEAD). */
    public static void headers(HttpServletResponse response, Messages messages) {
        response.setContentType(CONTENT_TYPE);
        response.setHeader("Content-Language", messages.language());
        if (messages.negotiated()) {
            response.setHeader("Vary", "Accept-Language");
        }
    }

    /** Starts the page, up to and including its heading; the caller writes the rest and then {@link #close}s it. */
    public static PrintWriter open(HttpServletResponse response, Messages messages, String title) throws IOException {
        headers(response, messages);
        PrintWriter out = response.getWriter();
        out.write("<!DOCTYPE html>\n<html lang=\"");
        out.write(Html.escape(messages.language()));
        out.write("\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>");
        out.write(Html.escape(title));
        out.write("</title><style>" + STYLE + "</style></head><body><main><h1>");
        out.write(Html.escape(title));
        out.write("</h1>");
        return out;
    }

    public static void close(PrintWriter out) {
        out.write("</main></body></html>\n");
    }
}
