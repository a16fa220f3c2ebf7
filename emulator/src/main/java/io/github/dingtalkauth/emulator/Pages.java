package io.github.dingtalkauth.emulator;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The emulator's two HTML pages, in Chinese and English, self-contained (inline CSS, avatars from the emulator).
 *
 * <p>Markup that tests parse is kept exact: {@code <input type="hidden" name="ticket" value="...">}, and one
 * {@code <button name="user" value="KEY">} per user.
 */
final class Pages {

    private static final String STYLE = """
            <style>
            * { box-sizing: border-box; }
            body { margin: 0; min-height: 100vh; display: flex; align-items: center; justify-content: center;
                   background: #f2f3f5; color: #1f2329; line-height: 1.5;
                   font-family: "PingFang SC", "Microsoft YaHei", "Helvetica Neue", Arial, sans-serif; }
            main { width: min(440px, 94vw); background: #fff; border-radius: 12px; padding: 28px 28px 20px;
                   box-shadow: 0 6px 24px rgba(31, 35, 41, .08); }
            .badge { display: inline-block; font-size: 12px; color: #86909c; border: 1px solid #e5e6eb;
                     border-radius: 10px; padding: 0 8px; margin: 0 0 12px; }
            h1 { font-size: 20px; margin: 0 0 6px; }
            h1 .logo { color: #3370ff; }
            h2 { font-size: 14px; color: #646a73; font-weight: normal; margin: 18px 0 8px; }
            .en { color: #646a73; font-size: 13px; }
            .target { font-size: 12px; color: #86909c; word-break: break-all; }
            ul { list-style: none; margin: 0; padding: 0; }
            li { display: flex; align-items: center; gap: 12px; padding: 10px 0; border-top: 1px solid #f2f3f5; }
            li img { width: 40px; height: 40px; border-radius: 10px; flex: none; }
            .who { flex: 1; min-width: 0; }
            .who b { display: block; }
            .who small { display: block; color: #86909c; font-size: 11px; overflow: hidden; text-overflow: ellipsis; }
            button { font: inherit; font-size: 14px; border-radius: 6px; padding: 6px 14px; cursor: pointer; }
            button[name=user] { background: #3370ff; border: 1px solid #3370ff; color: #fff; }
            button[name=user]:hover { background: #2b5fd9; }
            button[name=deny] { width: 100%; margin-top: 14px; background: #fff; border: 1px solid #dee0e3;
                                color: #1f2329; }
            .problem { background: #fff2f0; border: 1px solid #ffccc7; border-radius: 6px; padding: 10px 12px;
                       word-break: break-all; }
            </style>
            """;

    private Pages() {
    }

    static Response consent(String clientId, AuthorizeRequest request, String ticket, Directory directory) {
        StringBuilder rows = new StringBuilder();
        for (EmulatorUser user : directory.users()) {
            rows.append("<li><img src=\"").append(AvatarHandler.PREFIX).append(user.key()).append(".svg\" alt=\"\">")
                    .append("<span class=\"who\"><b>").append(Html.escape(user.nick())).append("</b><small>")
                    .append(standing(user)).append(" · unionId ").append(Html.escape(user.unionId()));
            if (user.corpId() != null) {
                rows.append(" · corpId ").append(Html.escape(user.corpId()));
            }
            rows.append("</small></span><button name=\"user\" value=\"").append(user.key())
                    .append("\">同意 / Approve</button></li>\n");
        }
        String scopeZh = request.corpScope() ? "个人信息、所在组织" : "个人信息";
        String scopeEn = request.corpScope() ? "profile and organization" : "profile";
        String body = """
                <p class="badge">钉钉模拟器 · DingTalk emulator — 不是真正的钉钉 / not the real DingTalk</p>
                <h1><span class="logo">钉钉</span>登录 <span class="en">Sign in with DingTalk</span></h1>
                <p>应用 <b>{client}</b> 请求获取你的{scopeZh}。<br>
                <span class="en">The app <b>{client}</b> asks for your {scopeEn}.</span></p>
                <p class="target">授权后返回 / Returns to: {target}{options}</p>
                <form method="post" action="{action}">
                <input type="hidden" name="ticket" value="{ticket}">
                <h2>选择账号 / Choose an account</h2>
                <ul>
                {rows}</ul>
                <button name="deny" value="1">拒绝 / Deny</button>
                </form>
                """
                .replace("{client}", Html.escape(clientId))
                .replace("{scopeZh}", scopeZh)
                .replace("{scopeEn}", scopeEn)
                .replace("{target}", Html.escape(origin(request.redirectUri())))
                .replace("{options}", options(request.organization()))
                .replace("{action}", ApproveHandler.PATH)
                .replace("{ticket}", Html.escape(ticket))
                .replace("{rows}", rows);
        return Response.html(200, page("钉钉登录 · Sign in with DingTalk", body));
    }

    /** Where the account stands with the emulator's home organization, so a person can pick whom to be refused as. */
    private static String standing(EmulatorUser user) {
        if (user.isMember()) {
            return "本组织成员 member";
        }
        return user.membership() != null ? "外部联系人 external contact" : "非本组织 not in the organization";
    }

    /** The organization parameters the app sent, if any, so that a person sees what was asked for. */
    private static String options(AuthorizeRequest.Organization org) {
        StringBuilder shown = new StringBuilder();
        if (org.corpId() != null) {
            shown.append("<br>预选组织 / Pre-selected organization: ").append(Html.escape(org.corpId()));
        }
        if (org.orgType() != null) {
            shown.append("<br>仅管理的组织 / Only organizations you manage (org_type=").append(Html.escape(org.orgType()))
                    .append(')');
        }
        if (org.exclusiveLogin()) {
            shown.append("<br>专属帐号登录 / Exclusive account login")
                    .append(org.exclusiveCorpId() == null ? "" : ": " + Html.escape(org.exclusiveCorpId()));
        }
        return shown.toString();
    }

    static Response error(int status, String problem) {
        String body = """
                <p class="badge">钉钉模拟器 · DingTalk emulator</p>
                <h1>登录请求无效 <span class="en">Invalid login request</span></h1>
                <p>钉钉拒绝了这个请求，没有返回应用。<br>
                <span class="en">DingTalk refused this request and did not return to the app.</span></p>
                <p class="problem">{problem}</p>
                """.replace("{problem}", Html.escape(problem));
        return Response.html(status, page("钉钉登录出错 · DingTalk login error", body));
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + title + "</title>\n" + STYLE + "</head>\n<body>\n<main>\n" + body
                + "</main>\n</body>\n</html>\n";
    }

    /** Scheme, host and port: enough for a person to see where approval leads without the whole URI. */
    static String origin(String uri) {
        try {
            URI parsed = new URI(uri);
            if (parsed.getScheme() != null && parsed.getRawAuthority() != null) {
                return parsed.getScheme() + "://" + parsed.getRawAuthority();
            }
        } catch (URISyntaxException e) {
            // fall through: show it as registered
        }
        return uri;
    }
}
