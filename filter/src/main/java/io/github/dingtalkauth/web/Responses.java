package io.github.dingtalkauth.web;

import jakarta.json.Json;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * Every response the filter writes itself. They all carry the same protective headers: never cached (a shared cache
 * replaying a login redirect would hand one user's state to another), never framed, no Referer (the callback URL
 * holds a code).
 */
public final class Responses {
    private Responses() {
    }

    public static void protect(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
    }

    /** A redirect with exactly the given Location: relative targets stay relative, never rebuilt from Host. */
    public static void redirect(HttpServletResponse response, int status, String location) {
        protect(response);
        response.setStatus(status);
        response.setHeader("Location", location);
    }

    /** 401 for a request that cannot be redirected to DingTalk: it tells a script where a person can sign in. */
    public static void unauthorized(HttpServletResponse response, String body) throws IOException {
        protect(response);
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setContentType("application/json;charset=UTF-8");
        response.getWriter().write(body);
    }

    /** The body of {@link #unauthorized}; it depends only on the login URL, so callers make it once. */
    public static String unauthorizedBody(String loginUrl) {
        return Json.createObjectBuilder()
                .add("error", "unauthenticated")
                .add("login", loginUrl)
                .build().toString();
    }

    /** The body of {@link #forbidden}: fixed, like the page, so nothing about the rule or the person shows. */
    public static final String FORBIDDEN_BODY = "{\"error\":\"forbidden\"}";

    /** 403 for a request that is not a page navigation: a signed-in caller without a role the path requires. */
    public static void forbidden(HttpServletResponse response) throws IOException {
        protect(response);
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("application/json;charset=UTF-8");
        response.getWriter().write(FORBIDDEN_BODY);
    }

    /** A short fixed-text page in Chinese and English with a link that starts a new login. */
    public static void failurePage(HttpServletResponse response, int status, String code, String chinese,
                                   String english, String retryUrl) throws IOException {
        if (status == HttpServletResponse.SC_METHOD_NOT_ALLOWED && response.getHeader("Allow") == null) {
            response.setHeader("Allow", "GET");
        }
        page(response, status, "登录未完成 · Sign-in did not complete", chinese, english,
                retryUrl, "重新登录 · Sign in again", code);
    }

    /** The page for a signed-in person whom a {@code require.} rule refuses; the link leads to the home page. */
    public static void forbiddenPage(HttpServletResponse response, String code, String chinese, String english,
                                     String homeUrl) throws IOException {
        page(response, HttpServletResponse.SC_FORBIDDEN, "无权访问 · Access denied", chinese, english,
                homeUrl, "返回首页 · Home page", code);
    }

    /** Every page the filter shows: fixed title, the message in both languages, one link and the reason code. */
    private static void page(HttpServletResponse response, int status, String title, String chinese, String english,
                             String linkUrl, String linkLabel, String code) throws IOException {
        protect(response);
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        PrintWriter out = response.getWriter();
        out.write("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>");
        out.write(Html.escape(title));
        out.write("</title><style>"
                + "body{font-family:system-ui,-apple-system,\"PingFang SC\",\"Microsoft YaHei\",sans-serif;"
                + "background:#f5f6f7;color:#1f2329;margin:0;display:flex;min-height:100vh;align-items:center;"
                + "justify-content:center}main{background:#fff;border-radius:12px;padding:32px 40px;max-width:440px;"
                + "box-shadow:0 2px 12px rgba(0,0,0,.08)}h1{font-size:20px;margin:0 0 16px}p{line-height:1.6}"
                + "a.button{display:inline-block;background:#0089ff;color:#fff;text-decoration:none;padding:10px 20px;"
                + "border-radius:6px;margin-top:8px}.code{color:#8f959e;font-size:12px;margin-top:24px}"
                + "</style></head><body><main><h1>");
        out.write(Html.escape(title));
        out.write("</h1><p lang=\"zh-CN\">");
        out.write(Html.escape(chinese));
        out.write("</p><p lang=\"en\">");
        out.write(Html.escape(english));
        out.write("</p><p><a class=\"button\" href=\"");
        out.write(Html.escape(linkUrl));
        out.write("\">");
        out.write(Html.escape(linkLabel));
        out.write("</a></p><p class=\"code\">错误代码 · Reason: ");
        out.write(Html.escape(code));
        out.write("</p></main></body></html>\n");
    }
}
