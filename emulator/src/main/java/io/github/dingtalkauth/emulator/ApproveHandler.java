package io.github.dingtalkauth.emulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /oauth2/approve}: the consent page's form. Approve sends the browser back with
 * {@code code}, {@code authCode} (the same value, as DingTalk's tutorial shows) and {@code state} (the legacy flow's
 * pages: {@code code} and {@code state} only); deny with
 * {@code error=access_denied}.
 */
final class ApproveHandler implements RequestHandler {

    static final String PATH = "/oauth2/approve";

    private final Directory directory;
    private final Grants grants;
    private final Counters counters;

    ApproveHandler(Directory directory, Grants grants, Counters counters) {
        this.directory = directory;
        this.grants = grants;
        this.counters = counters;
    }

    @Override
    public Response handle(RecordedRequest request) {
        if (!"POST".equals(request.method())) {
            return Pages.error(405, "only POST is allowed here, not " + request.method()).withHeader("Allow", "POST");
        }
        try {
            return decide(form(request));
        } catch (BadRequest e) {
            return Pages.error(400, e.getMessage());
        }
    }

    private Response decide(Params form) throws BadRequest {
        if (form.repeated("ticket") || form.repeated("user")) {
            throw new BadRequest("the form is malformed");
        }
        String ticket = form.first("ticket").orElseThrow(() -> new BadRequest("the ticket is missing"));
        if (!grants.ticketIsOpen(ticket)) {
            throw new BadRequest("this consent page has expired or was already used");
        }
        if (form.has("deny")) {
            AuthorizeRequest request = close(ticket);
            counters.count(Counters.Event.DENIAL);
            return Response.redirect(302, callback(request, Map.of("error", "access_denied")));
        }
        String key = form.first("user").orElseThrow(() -> new BadRequest("choose a user or deny"));
        EmulatorUser user = directory.byKey(key).orElseThrow(() -> new BadRequest("there is no such user"));
        return Response.redirect(302, approved(close(ticket), user));
    }

    /** Issues a code for {@code user} on a valid authorize request; returns the callback URL that carries it. */
    String approved(AuthorizeRequest request, EmulatorUser user) {
        counters.count(Counters.Event.APPROVAL);
        if (request.legacy()) {
            // The legacy flow returns only code (and state); it is good only at sns/getuserinfo_bycode.
            return callback(request, Map.of("code", grants.issueLegacyCode(user)));
        }
        String code = grants.issueCode(new Grant(user, request.corpScope()));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("code", code);
        params.put("authCode", code);
        return callback(request, params);
    }

    /** Uses the ticket up; a concurrent approve of the same page loses here. */
    private AuthorizeRequest close(String ticket) throws BadRequest {
        return grants.closeTicket(ticket)
                .orElseThrow(() -> new BadRequest("this consent page has expired or was already used"));
    }

    static Params form(RecordedRequest request) throws BadRequest {
        String type = request.header("content-type").orElse("").toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/x-www-form-urlencoded")) {
            throw new BadRequest("the form must be sent as application/x-www-form-urlencoded");
        }
        try {
            return Params.parse(request.body());
        } catch (IllegalArgumentException e) {
            throw new BadRequest("the form is malformed");
        }
    }

    /** The redirect URI with the answer appended to its query (before any fragment), state last if there was one. */
    static String callback(AuthorizeRequest request, Map<String, String> answer) {
        String uri = request.redirectUri();
        int hash = uri.indexOf('#');
        String base = hash < 0 ? uri : uri.substring(0, hash);
        String fragment = hash < 0 ? "" : uri.substring(hash);
        StringBuilder query = new StringBuilder();
        answer.forEach((name, value) -> appendParam(query, name, value));
        Optional.ofNullable(request.state()).ifPresent(state -> appendParam(query, "state", state));
        String separator = !base.contains("?") ? "?" : base.endsWith("?") || base.endsWith("&") ? "" : "&";
        return base + separator + query + fragment;
    }

    private static void appendParam(StringBuilder query, String name, String value) {
        if (query.length() > 0) {
            query.append('&');
        }
        query.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
}
