package io.github.dingtalkauth.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * A stand-in for DingTalk's embedded QR login (protocol §1.6): the script that defines {@code DTFrameLogin}, the QR
 * frame it embeds, and the frame's "scan" buttons. A scan follows the rules of the consent page: the frame's login
 * options pass the authorize endpoint's checks (a registered {@code redirect_uri} among them) plus the embedded
 * login's own ({@code org_type} and {@code corpId} with the corpid scope), and it issues a real code with the state
 * echoed. The answer goes to the embedding page by {@code postMessage}, addressed to the origin of
 * {@code redirect_uri} only.
 */
final class FrameLogin {
    static final String SCRIPT_PATH = "/h5-dingtalk-login/ddlogin.js";
    static final String FRAME_PATH = "/h5-dingtalk-login/frame";
    static final String SCAN_PATH = "/h5-dingtalk-login/scan";

    private final String script;
    private final AuthorizeHandler authorize;
    private final ApproveHandler approve;
    private final Directory directory;
    private final Grants grants;

    FrameLogin(AuthorizeHandler authorize, ApproveHandler approve, Directory directory, Grants grants) {
        this.script = resource("ddlogin.js");
        this.authorize = authorize;
        this.approve = approve;
        this.directory = directory;
        this.grants = grants;
    }

    /** The three paths, for the dispatcher's page table. */
    Map<String, RequestHandler> pages() {
        return Map.of(SCRIPT_PATH, this::script, FRAME_PATH, this::frame, SCAN_PATH, this::scan);
    }

    private Response script(RecordedRequest request) {
        return Response.script(Response.JAVASCRIPT, script);
    }

    /** {@code GET FRAME_PATH?<loginOptions>}: the fake QR code and one "scan as" button per user. */
    private Response frame(RecordedRequest request) {
        if (!"GET".equals(request.method())) {
            return Pages.error(405, "only GET is allowed here, not " + request.method(), PageTexts.of(request))
                    .withHeader("Allow", "GET");
        }
        try {
            AuthorizeRequest valid = validate(request.query());
            return FrameLoginPages.frame(valid, grants.openTicket(valid), directory, PageTexts.of(request));
        } catch (BadRequest e) {
            return Pages.error(400, e.getMessage(), PageTexts.of(request));
        }
    }

    /** {@code POST SCAN_PATH} with {@code ticket} and {@code user}: a code, posted to the embedding page. */
    private Response scan(RecordedRequest request) {
        if (!"POST".equals(request.method())) {
            return Pages.error(405, "only POST is allowed here, not " + request.method(), PageTexts.of(request))
                    .withHeader("Allow", "POST");
        }
        try {
            Params form = ApproveHandler.form(request);
            if (form.repeated("ticket") || form.repeated("user")) {
                throw new BadRequest("the form is malformed");
            }
            String ticket = form.first("ticket").orElseThrow(() -> new BadRequest("the ticket is missing"));
            String key = form.first("user").orElseThrow(() -> new BadRequest("choose a user"));
            EmulatorUser user = directory.byKey(key).orElseThrow(() -> new BadRequest("there is no such user"));
            AuthorizeRequest login = grants.closeTicket(ticket)
                    .orElseThrow(() -> new BadRequest("this QR code has expired or was already scanned"));
            String redirectUrl = approve.approved(login, user);
            String code = Params.parse(redirectUrl.substring(redirectUrl.indexOf('?') + 1)).first("authCode")
                    .orElseThrow();
            return FrameLoginPages.scanned(login, redirectUrl, code, PageTexts.of(request));
        } catch (BadRequest e) {
            return Pages.error(400, e.getMessage(), PageTexts.of(request));
        }
    }

    /** The authorize endpoint's checks, and the embedded login's: the corpid scope needs org_type and corpId. */
    AuthorizeRequest validate(String query) throws BadRequest {
        AuthorizeRequest valid = authorize.validate(Objects.requireNonNullElse(query, ""));
        AuthorizeRequest.Organization org = valid.organization();
        if (valid.corpScope() && (org.corpId() == null || org.orgType() == null)) {
            throw new BadRequest("invalidRequestMessage: org_type and corpId are required with scope openid corpid");
        }
        return valid;
    }

    private static String resource(String name) {
        try (InputStream in = QrLogin.class.getResourceAsStream(name)) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
