package io.github.dingtalkauth.sample;

import io.github.dingtalkauth.DingTalkLinks;
import io.github.dingtalkauth.DingTalkPrincipal;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;

import static io.github.dingtalkauth.sample.Html.escape;

/**
 * {@code /me}, a protected page: every field of the signed-in {@link DingTalkPrincipal}, and what the standard
 * servlet API reports about the same user. The filter has already sent a visitor who is not signed in to DingTalk.
 */
public final class MeServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Optional<DingTalkPrincipal> user = DingTalkPrincipal.current(req);
        if (user.isEmpty()) {
            // Unreachable while the filter guards this path; refuse rather than render an empty table.
            resp.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        DingTalkPrincipal p = user.get();

        PrintWriter out = Html.begin(req, resp, "我的资料 · Me");
        out.println("<h1>我的资料<br><small>Your DingTalk profile</small></h1>");
        out.println("<p class=\"muted\">钉钉返回的 <code>DingTalkPrincipal</code>，空值表示钉钉没有提供。"
                + "<br>The <code>DingTalkPrincipal</code> DingTalk returned; empty fields were not provided.</p>");
        out.println("<table>");
        out.println("<thead><tr><th>字段 Field</th><th>Getter</th><th>值 Value</th></tr></thead>");
        out.println("<tbody>");
        row(out, "用户唯一标识 Union ID", "getUnionId()", p.getUnionId());
        row(out, "应用内标识 Open ID", "getOpenId()", p.getOpenId());
        row(out, "昵称 Nick", "getNick()", p.getNick());
        row(out, "头像 Avatar URL", "getAvatarUrl()", p.getAvatarUrl());
        row(out, "邮箱 Email", "getEmail()", p.getEmail());
        row(out, "手机号 Mobile", "getMobile()", p.getMobile());
        row(out, "国家/地区码 State code", "getStateCode()", p.getStateCode());
        row(out, "组织 Corp ID", "getCorpId()", p.getCorpId());
        row(out, "名称 Name (= Union ID)", "getName()", p.getName());
        out.println("</tbody></table>");

        out.println("<h2>Servlet API</h2>");
        out.println("<p class=\"muted\">过滤器包装了请求，应用无需依赖本库也能知道是谁。"
                + "<br>The filter wraps the request, so code that only knows the servlet API sees the user too.</p>");
        out.println("<table><tbody>");
        row(out, "认证方式 Auth type", "request.getAuthType()", req.getAuthType());
        row(out, "远程用户 Remote user", "request.getRemoteUser()", req.getRemoteUser());
        row(out, "主体 Principal", "request.getUserPrincipal().getName()",
                req.getUserPrincipal() == null ? null : req.getUserPrincipal().getName());
        out.println("</tbody></table>");

        DingTalkLinks links = (DingTalkLinks) req.getAttribute(DingTalkLinks.REQUEST_ATTRIBUTE);
        if (links != null) {
            // A POST form, as on the home page: a link or an image elsewhere must not sign the user out.
            out.println("<form method=\"post\" action=\"" + escape(links.getLogoutUrl()) + "\">");
            out.println("<button class=\"button secondary\" type=\"submit\">退出登录 · Sign out</button>");
            out.println("</form>");
        }
        Html.end(out);
    }

    private static void row(PrintWriter out, String label, String getter, String value) {
        String shown = value == null || value.isEmpty()
                ? "<span class=\"muted\">—</span>"
                : "<code>" + escape(value) + "</code>";
        out.println("<tr><th>" + escape(label) + "</th><td><code>" + escape(getter) + "</code></td><td>"
                + shown + "</td></tr>");
    }
}
