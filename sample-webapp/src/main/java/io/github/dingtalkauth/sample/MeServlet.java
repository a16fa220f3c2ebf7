package io.github.dingtalkauth.sample;

import io.github.dingtalkauth.DingTalkLinks;
import io.github.dingtalkauth.DingTalkPrincipal;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.github.dingtalkauth.sample.Html.escape;

/**
 * {@code /me}, a protected page: every field of the signed-in {@link DingTalkPrincipal} (the account, the employee
 * profile when there is one, the roles), and what the standard servlet API reports about the same user. The filter
 * has already sent a visitor who is not signed in to DingTalk.
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
        Texts texts = Texts.of(req);
        PrintWriter out = Html.begin(req, resp, texts, "me.title");
        out.println("<h1>" + texts.get("me.heading") + "</h1>");
        Rows rows = new Rows(out, texts);
        account(rows, p);
        employee(rows, p);
        roles(rows, req, p);
        servletApi(rows, req);
        signOut(out, texts, req);
        Html.end(out, texts);
    }

    /** The account, from {@code /v1.0/contact/users/me}. */
    private static void account(Rows rows, DingTalkPrincipal p) {
        rows.out.println("<p class=\"muted\">" + rows.texts.get("me.account", "principal",
                "<code>DingTalkPrincipal</code>") + "</p>");
        rows.out.println("<table>");
        rows.out.println("<thead><tr><th>" + rows.texts.get("me.field") + "</th><th>Getter</th><th>"
                + rows.texts.get("me.value") + "</th></tr></thead>");
        rows.out.println("<tbody>");
        rows.row("field.unionId", "getUnionId()", p.getUnionId());
        rows.row("field.openId", "getOpenId()", p.getOpenId());
        rows.row("field.nick", "getNick()", p.getNick());
        rows.row("field.avatarUrl", "getAvatarUrl()", p.getAvatarUrl());
        rows.row("field.email", "getEmail()", p.getEmail());
        rows.row("field.mobile", "getMobile()", p.getMobile());
        rows.row("field.stateCode", "getStateCode()", p.getStateCode());
        rows.row("field.corpId", "getCorpId()", p.getCorpId());
        rows.row("field.name", "getName()", p.getName());
        rows.out.println("</tbody></table>");
    }

    /** The employee, from {@code topapi/v2/user/get}: only with {@code employeeProfile} or {@code allowedCorpIds}. */
    private static void employee(Rows rows, DingTalkPrincipal p) {
        rows.out.println("<h2>" + rows.texts.get("me.employee") + "</h2>");
        if (p.getUserId() == null) {
            rows.out.println("<p class=\"muted\">" + rows.texts.get("me.noEmployee", "allowedCorpIds",
                    "<code>allowedCorpIds</code>").replace("{employeeProfile}", "<code>employeeProfile=true</code>")
                    + "</p>");
            return;
        }
        rows.out.println("<table><tbody>");
        rows.row("field.userId", "getUserId()", p.getUserId());
        rows.row("field.employeeName", "getEmployeeName()", p.getEmployeeName());
        rows.row("field.title", "getTitle()", p.getTitle());
        rows.row("field.jobNumber", "getJobNumber()", p.getJobNumber());
        rows.row("field.orgEmail", "getOrgEmail()", p.getOrgEmail());
        rows.row("field.deptIds", "getDeptIds()", list(p.getDeptIds()));
        rows.row("field.admin", "isAdmin()", String.valueOf(p.isAdmin()));
        rows.row("field.boss", "isBoss()", String.valueOf(p.isBoss()));
        rows.row("field.leaderInDepts", "getLeaderInDepts()", list(p.getLeaderInDepts()));
        rows.row("field.dingTalkRoles", "getDingTalkRoleNames()", list(p.getDingTalkRoleNames()));
        rows.row("field.active", "isActive()", String.valueOf(p.isActive()));
        rows.row("field.member", "isMember()", String.valueOf(p.isMember()));
        rows.out.println("</tbody></table>");
    }

    /** The roles the {@code role.*} rules gave at sign-in, and the servlet API's view of each. */
    private static void roles(Rows rows, HttpServletRequest req, DingTalkPrincipal p) {
        rows.out.println("<h2>" + rows.texts.get("me.roles") + "</h2>");
        rows.out.println("<p class=\"muted\">" + rows.texts.get("me.rolesExplain", "rules", "<code>role.*</code>")
                + "</p>");
        rows.out.println("<table><tbody>");
        TreeSet<String> roles = new TreeSet<>(p.getRoles());
        rows.row("field.roles", "getRoles()", list(roles));
        for (String role : roles) {
            rows.labelled(rows.texts.get("field.role") + " " + escape(role), "request.isUserInRole(\"" + role + "\")",
                    String.valueOf(req.isUserInRole(role)));
        }
        rows.out.println("</tbody></table>");
    }

    private static void servletApi(Rows rows, HttpServletRequest req) {
        rows.out.println("<h2>Servlet API</h2>");
        rows.out.println("<p class=\"muted\">" + rows.texts.get("me.servletExplain") + "</p>");
        rows.out.println("<table><tbody>");
        rows.row("field.authType", "request.getAuthType()", req.getAuthType());
        rows.row("field.remoteUser", "request.getRemoteUser()", req.getRemoteUser());
        rows.row("field.principal", "request.getUserPrincipal().getName()",
                req.getUserPrincipal() == null ? null : req.getUserPrincipal().getName());
        rows.out.println("</tbody></table>");
    }

    private static void signOut(PrintWriter out, Texts texts, HttpServletRequest req) {
        DingTalkLinks links = (DingTalkLinks) req.getAttribute(DingTalkLinks.REQUEST_ATTRIBUTE);
        if (links != null) {
            // A POST form, as on the home page: a link or an image elsewhere must not sign the user out.
            out.println("<form method=\"post\" action=\"" + escape(links.getLogoutUrl()) + "\">");
            out.println("<button class=\"button secondary\" type=\"submit\">" + texts.get("signOut") + "</button>");
            out.println("</form>");
        }
    }

    /** An empty list shows as "—", like any absent value. */
    private static String list(Collection<?> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /** The rows of the page's tables, their labels in the page's language. */
    private record Rows(PrintWriter out, Texts texts) {
        /** @param key the label's key, such as {@code field.nick} */
        void row(String key, String getter, String value) {
            labelled(texts.get(key), getter, value);
        }

        /** @param label already escaped */
        void labelled(String label, String getter, String value) {
            String shown = value == null || value.isEmpty()
                    ? "<span class=\"muted\">—</span>"
                    : "<code>" + escape(value) + "</code>";
            out.println("<tr><th>" + label + "</th><td><code>" + escape(getter) + "</code></td><td>"
                    + shown + "</td></tr>");
        }
    }
}
