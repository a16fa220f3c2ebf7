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
 * The public home page ({@code /}, listed in {@code excludePaths}): a sign-in button for visitors, the nick, avatar
 * and a logout button for a signed-in user. Everything it needs comes from the filter: the principal from the
 * session, the button's label and URLs from {@link DingTalkLinks}.
 */
public final class HomeServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        DingTalkLinks links = (DingTalkLinks) req.getAttribute(DingTalkLinks.REQUEST_ATTRIBUTE);
        if (links == null) {
            // Only happens when the filter is not mapped over this page; say so rather than draw a dead button.
            resp.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
                    "DingTalkAuthFilter is not mapped to this page / 过滤器未生效");
            return;
        }
        Optional<DingTalkPrincipal> user = DingTalkPrincipal.current(req);
        String ctx = req.getContextPath();

        PrintWriter out = Html.begin(req, resp, "钉钉登录示例 · DingTalk sign-in sample");
        out.println("<h1>钉钉登录示例<br><small>Sign in with DingTalk: a sample</small></h1>");
        if (user.isEmpty()) {
            out.println("<p>这个网站用 <code>DingTalkAuthFilter</code> 保护：首页和 <a href=\"" + escape(ctx)
                    + "/public/about.html\">关于</a> 页面公开，其他页面需要先用钉钉登录。</p>");
            out.println("<p class=\"en\">This site is protected by <code>DingTalkAuthFilter</code>: this page and"
                    + " the <a href=\"" + escape(ctx) + "/public/about.html\">about</a> page are public,"
                    + " every other page asks you to sign in with DingTalk first.</p>");
            out.println("<p><a class=\"button dingtalk\" href=\"" + escape(links.getLoginUrl()) + "\">"
                    + escape(links.getLabel()) + "</a></p>");
            out.println("<p>也可以直接打开受保护的页面 <a href=\"" + escape(ctx) + "/me\">/me</a>：过滤器会先带你去登录，"
                    + "登录后再带你回到该页面。<br><span class=\"en\">Or open the protected page <a href=\"" + escape(ctx)
                    + "/me\">/me</a>: the filter has you sign in first, then brings you back to it.</span></p>");
            out.println("<p class=\"muted\">未配置 appId 时，登录由本地模拟的钉钉完成，无需钉钉账号。"
                    + "<br>Without an appId, sign-in goes to a local DingTalk emulator: no account needed.</p>");
        } else {
            DingTalkPrincipal p = user.get();
            String nick = p.getNick() != null ? p.getNick() : p.getUnionId();
            out.println("<section class=\"card user\">");
            if (Html.isWebUrl(p.getAvatarUrl())) {
                out.println("<img class=\"avatar\" src=\"" + escape(p.getAvatarUrl()) + "\" alt=\"\""
                        + " referrerpolicy=\"no-referrer\">");
            }
            out.println("<div><p class=\"nick\">" + escape(nick) + "</p>");
            out.println("<p class=\"muted\">已登录 · Signed in</p></div>");
            out.println("</section>");
            out.println("<p><a href=\"" + escape(ctx) + "/me\">查看全部资料 · See every field</a> · <a href=\""
                    + escape(ctx) + "/api/me\">JSON</a></p>");
            // Logout is a POST so that a link or an image on another site cannot sign the user out.
            out.println("<form method=\"post\" action=\"" + escape(links.getLogoutUrl()) + "\">");
            out.println("<button class=\"button secondary\" type=\"submit\">退出登录 · Sign out</button>");
            out.println("</form>");
        }
        Html.end(out);
    }
}
