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

        Texts texts = Texts.of(req);
        PrintWriter out = Html.begin(req, resp, texts, "home.title");
        out.println("<h1>" + texts.get("home.heading") + "</h1>");
        if (user.isEmpty()) {
            String about = "<a href=\"" + escape(ctx) + "/public/about.html\">" + texts.get("home.about") + "</a>";
            out.println("<p>" + texts.get("home.intro", "filter", "<code>DingTalkAuthFilter</code>")
                    .replace("{about}", about) + "</p>");
            out.println("<p><a class=\"button dingtalk\" href=\"" + escape(links.getLoginUrl()) + "\">"
                    + escape(links.getLabel()) + "</a></p>");
            out.println("<p>" + texts.get("home.protected", "me", "<a href=\"" + escape(ctx) + "/me\">/me</a>")
                    + "</p>");
            out.println("<p class=\"muted\">" + texts.get("home.devMode") + "</p>");
        } else {
            DingTalkPrincipal p = user.get();
            String nick = p.getNick() != null ? p.getNick() : p.getUnionId();
            out.println("<section class=\"card user\">");
            if (Html.isWebUrl(p.getAvatarUrl())) {
                out.println("<img class=\"avatar\" src=\"" + escape(p.getAvatarUrl()) + "\" alt=\"\""
                        + " referrerpolicy=\"no-referrer\">");
            }
            out.println("<div><p class=\"nick\">" + escape(nick) + "</p>");
            out.println("<p class=\"muted\">" + texts.get("home.signedIn") + "</p></div>");
            out.println("</section>");
            out.println("<p><a href=\"" + escape(ctx) + "/me\">" + texts.get("home.everyField") + "</a> · <a href=\""
                    + escape(ctx) + "/api/me\">JSON</a></p>");
            // Logout is a POST so that a link or an image on another site cannot sign the user out.
            out.println("<form method=\"post\" action=\"" + escape(links.getLogoutUrl()) + "\">");
            out.println("<button class=\"button secondary\" type=\"submit\">" + texts.get("signOut") + "</button>");
            out.println("</form>");
        }
        Html.end(out, texts);
    }
}
