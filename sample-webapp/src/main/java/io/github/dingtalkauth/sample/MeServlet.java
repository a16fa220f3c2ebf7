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

        PrintWriter out = Html.begin(req, resp, "我的资料 · Me");
        out.println("<h1>我的资料<br><small>Your DingTalk profile</small></h1>");
        account(out, p);
        employee(out, p);
        roles(out, req, p);
        servletApi(out, req);
        signOut(out, req);
        Html.end(out);
    }

    /** The account, from {@code /v1.0/contact/users/me}. */
    private static void account(PrintWriter out, DingTalkPrincipal p) {
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
        row(out, "名称 Name", "getName()", p.getName());
        out.println("</tbody></table>");
    }

    /** The employee, from {@code topapi/v2/user/get}: only with {@code employeeProfile} or {@code allowedCorpIds}. */
    private static void employee(PrintWriter out, DingTalkPrincipal p) {
        out.println("<h2>组织中的员工<br><small>Employee in the organization</small></h2>");
        if (p.getUserId() == null) {
            out.println("<p class=\"muted\">没有员工资料：请设置 <code>allowedCorpIds</code> 或 <code>employeeProfile=true</code>。"
                    + "<br>No employee profile: set <code>allowedCorpIds</code> or <code>employeeProfile=true</code>.</p>");
            return;
        }
        out.println("<table><tbody>");
        row(out, "员工 ID User ID", "getUserId()", p.getUserId());
        row(out, "姓名 Employee name", "getEmployeeName()", p.getEmployeeName());
        row(out, "职位 Title", "getTitle()", p.getTitle());
        row(out, "工号 Job number", "getJobNumber()", p.getJobNumber());
        row(out, "企业邮箱 Org e-mail", "getOrgEmail()", p.getOrgEmail());
        row(out, "部门 Departments", "getDeptIds()", list(p.getDeptIds()));
        row(out, "管理员 Admin", "isAdmin()", String.valueOf(p.isAdmin()));
        row(out, "老板 Boss", "isBoss()", String.valueOf(p.isBoss()));
        row(out, "主管的部门 Leads departments", "getLeaderInDepts()", list(p.getLeaderInDepts()));
        row(out, "钉钉角色 DingTalk roles", "getDingTalkRoleNames()", list(p.getDingTalkRoleNames()));
        row(out, "已激活 Active", "isActive()", String.valueOf(p.isActive()));
        row(out, "本组织成员 Member", "isMember()", String.valueOf(p.isMember()));
        out.println("</tbody></table>");
    }

    /** The roles the {@code role.*} rules gave at sign-in, and the servlet API's view of each. */
    private static void roles(PrintWriter out, HttpServletRequest req, DingTalkPrincipal p) {
        out.println("<h2>角色<br><small>Roles</small></h2>");
        out.println("<p class=\"muted\">登录时按配置中的 <code>role.*</code> 规则计算。"
                + "<br>Given at sign-in by the <code>role.*</code> rules of the configuration.</p>");
        out.println("<table><tbody>");
        TreeSet<String> roles = new TreeSet<>(p.getRoles());
        row(out, "角色 Roles", "getRoles()", list(roles));
        for (String role : roles) {
            row(out, "角色 Role " + role, "request.isUserInRole(\"" + role + "\")",
                    String.valueOf(req.isUserInRole(role)));
        }
        out.println("</tbody></table>");
    }

    private static void servletApi(PrintWriter out, HttpServletRequest req) {
        out.println("<h2>Servlet API</h2>");
        out.println("<p class=\"muted\">过滤器包装了请求，应用无需依赖本库也能知道是谁。"
                + "<br>The filter wraps the request, so code that only knows the servlet API sees the user too.</p>");
        out.println("<table><tbody>");
        row(out, "认证方式 Auth type", "request.getAuthType()", req.getAuthType());
        row(out, "远程用户 Remote user", "request.getRemoteUser()", req.getRemoteUser());
        row(out, "主体 Principal", "request.getUserPrincipal().getName()",
                req.getUserPrincipal() == null ? null : req.getUserPrincipal().getName());
        out.println("</tbody></table>");
    }

    private static void signOut(PrintWriter out, HttpServletRequest req) {
        DingTalkLinks links = (DingTalkLinks) req.getAttribute(DingTalkLinks.REQUEST_ATTRIBUTE);
        if (links != null) {
            // A POST form, as on the home page: a link or an image elsewhere must not sign the user out.
            out.println("<form method=\"post\" action=\"" + escape(links.getLogoutUrl()) + "\">");
            out.println("<button class=\"button secondary\" type=\"submit\">退出登录 · Sign out</button>");
            out.println("</form>");
        }
    }

    /** An empty list shows as "—", like any absent value. */
    private static String list(Collection<?> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static void row(PrintWriter out, String label, String getter, String value) {
        String shown = value == null || value.isEmpty()
                ? "<span class=\"muted\">—</span>"
                : "<code>" + escape(value) + "</code>";
        out.println("<tr><th>" + escape(label) + "</th><td><code>" + escape(getter) + "</code></td><td>"
                + shown + "</td></tr>");
    }
}
