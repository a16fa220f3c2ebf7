package io.github.dingtalkauth.emulator;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code GET /connect/qrconnect} and {@code GET /connect/oauth2/sns_authorize} on the oapi host: the legacy flow's
 * login pages (protocol §2.1). Checks {@code appid}, {@code response_type=code}, {@code scope=snsapi_login} and the
 * registered {@code redirect_uri}. {@code qrconnect} shows the QR page ({@link QrPages}, a scan per user);
 * {@code sns_authorize} shows the consent page in place of the password form. Either, given the
 * {@code loginTmpCode} of a scan ({@link QrLogin}), uses it up and redirects to the app with {@code code} (a legacy
 * temporary code) and {@code state}, as approving does.
 */
final class LegacyAuthorizeHandler extends AuthorizeHandler {

    static final String SCOPE = "snsapi_login";
    private static final List<String> SINGLE_VALUED = List.of("appid", "redirect_uri", "response_type", "scope",
            "state", QrLogin.LOGIN_TMP_CODE);

    private final ApproveHandler approve;

    LegacyAuthorizeHandler(String clientId, RedirectUris redirectUris, Directory directory, Grants grants,
            ApproveHandler approve) {
        super(clientId, redirectUris, directory, grants);
        this.approve = approve;
    }

    @Override
    public Response handle(RecordedRequest request) {
        Optional<String> loginTmpCode = Params.parseOrEmpty(request.query()).first(QrLogin.LOGIN_TMP_CODE);
        boolean qrPage = request.path().endsWith(Endpoint.LEGACY_QR_AUTHORIZE.path());
        if (!"GET".equals(request.method()) || loginTmpCode.isEmpty() && !qrPage) {
            return super.handle(request);
        }
        try {
            AuthorizeRequest valid = validate(request.query());
            if (loginTmpCode.isEmpty()) {
                return QrPages.qr(clientId, valid, grants.openTicket(valid), directory, false, PageTexts.of(request));
            }
            EmulatorUser user = grants.redeemLoginTmpCode(loginTmpCode.get())
                    .orElseThrow(() -> new BadRequest("loginTmpCode is unknown, expired or already used"));
            return Response.redirect(302, approve.approved(valid, user));
        } catch (BadRequest e) {
            return Pages.error(400, e.getMessage(), PageTexts.of(request));
        }
    }

    /** Whether {@code authorizeUrl} is one of the legacy login pages, addressed to DingTalk or to the emulator. */
    static boolean serves(URI authorizeUrl) {
        String path = Objects.requireNonNullElse(authorizeUrl.getRawPath(), "");
        return path.endsWith(Endpoint.LEGACY_QR_AUTHORIZE.path())
                || path.endsWith(Endpoint.LEGACY_ACCOUNT_AUTHORIZE.path());
    }

    @Override
    AuthorizeRequest validate(String query) throws BadRequest {
        Params params = parse(query);
        for (String name : SINGLE_VALUED) {
            if (params.repeated(name)) {
                throw new BadRequest(name + " is repeated");
            }
        }
        if (!clientId.equals(required(params, "appid"))) {
            throw new BadRequest("appid is not a known app");
        }
        String redirectUri = required(params, "redirect_uri");
        if (!redirectUris.accepts(redirectUri)) {
            throw new BadRequest("redirect_uri is not registered for this app: " + redirectUri);
        }
        if (!"code".equals(required(params, "response_type"))) {
            throw new BadRequest("response_type must be code");
        }
        if (!SCOPE.equals(required(params, "scope"))) {
            throw new BadRequest("scope must be " + SCOPE);
        }
        return new AuthorizeRequest(redirectUri, params.first("state").orElse(null), false,
                AuthorizeRequest.NO_ORGANIZATION, true);
    }
}
