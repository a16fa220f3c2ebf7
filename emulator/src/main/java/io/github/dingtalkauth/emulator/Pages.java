package io.github.dingtalkauth.emulator;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The emulator's two HTML pages, in the browser's language ({@link PageTexts}), self-contained (inline CSS, avatars
 * from the emulator).
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

    static Response consent(String clientId, AuthorizeRequest request, String ticket, Directory directory,
                            PageTexts texts) {
        String rows = userRows(directory, text(texts, "consent.approve"), texts);
        String scope = text(texts, request.corpScope() ? "consent.scopeWithOrganization" : "consent.scope");
        String body = """
                <p class="badge">{badge}</p>
                <h1><span class="logo">{logo}</span>{heading}</h1>
                <p>{asks}</p>
                <p class="target">{returnsTo} {target}{options}</p>
                <form method="post" action="{action}">
                <input type="hidden" name="ticket" value="{ticket}">
                <h2>{choose}</h2>
                <ul>
                {rows}</ul>
                <button name="deny" value="1">{deny}</button>
                </form>
                """
                .replace("{badge}", text(texts, "badge"))
                .replace("{logo}", text(texts, "consent.logo"))
                .replace("{heading}", text(texts, "consent.heading"))
                .replace("{asks}", text(texts, "consent.asks")
                        .replace("{client}", "<b>" + Html.escape(clientId) + "</b>").replace("{scope}", scope))
                .replace("{returnsTo}", text(texts, "consent.returnsTo"))
                .replace("{target}", Html.escape(origin(request.redirectUri())))
                .replace("{options}", options(request.organization(), texts))
                .replace("{action}", ApproveHandler.PATH)
                .replace("{ticket}", Html.escape(ticket))
                .replace("{choose}", text(texts, "consent.choose"))
                .replace("{deny}", text(texts, "consent.deny"))
                .replace("{rows}", rows);
        return page(200, texts, text(texts, "consent.title"), body);
    }

    /** One row per user, each with a {@code <button name="user" value="KEY">} labelled {@code action} (escaped). */
    static String userRows(Directory directory, String action, PageTexts texts) {
        StringBuilder rows = new StringBuilder();
        for (EmulatorUser user : directory.users()) {
            rows.append("<li><img src=\"").append(AvatarHandler.PREFIX).append(user.key()).append(".svg\" alt=\"\">")
                    .append("<span class=\"who\"><b>").append(Html.escape(user.nick())).append("</b><small>")
                    .append(text(texts, standing(user))).append(" · unionId ").append(Html.escape(user.unionId()));
            if (user.corpId() != null) {
                rows.append(" · corpId ").append(Html.escape(user.corpId()));
            }
            rows.append("</small></span><button name=\"user\" value=\"").append(user.key())
                    .append("\">").append(action).append("</button></li>\n");
        }
        return rows.toString();
    }

    /** The key of where the account stands with the home organization, so a person can pick whom to be refused as. */
    private static String standing(EmulatorUser user) {
        if (user.isMember()) {
            return "standing.member";
        }
        return user.membership() != null ? "standing.external" : "standing.outsider";
    }

    /** The organization parameters the app sent, if any, so that a person sees what was asked for. */
    private static String options(AuthorizeRequest.Organization org, PageTexts texts) {
        StringBuilder shown = new StringBuilder();
        if (org.corpId() != null) {
            shown.append("<br>").append(text(texts, "option.corpId")).append(' ').append(Html.escape(org.corpId()));
        }
        if (org.orgType() != null) {
            shown.append("<br>").append(text(texts, "option.orgType")).append(" (org_type=")
                    .append(Html.escape(org.orgType())).append(')');
        }
        if (org.exclusiveLogin()) {
            shown.append("<br>").append(text(texts, "option.exclusive"))
                    .append(org.exclusiveCorpId() == null ? "" : ": " + Html.escape(org.exclusiveCorpId()));
        }
        return shown.toString();
    }

    static Response error(int status, String problem, PageTexts texts) {
        String body = """
                <p class="badge">{badge}</p>
                <h1>{heading}</h1>
                <p>{explain}</p>
                <p class="problem">{problem}</p>
                """
                .replace("{badge}", text(texts, "badge.short"))
                .replace("{heading}", text(texts, "error.heading"))
                .replace("{explain}", text(texts, "error.explain"))
                .replace("{problem}", Html.escape(problem));
        return page(status, texts, text(texts, "error.title"), body);
    }

    static String text(PageTexts texts, String key) {
        return Html.escape(texts.get(key));
    }

    static Response page(int status, PageTexts texts, String title, String body) {
        return Response.html(status, "<!DOCTYPE html>\n<html lang=\"" + texts.language() + "\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + title + "</title>\n" + STYLE + "</head>\n<body>\n<main>\n" + body
                + "</main>\n</body>\n</html>\n").withHeader("Vary", "Accept-Language");
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
