package io.github.dingtalkauth.emulator;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * {@code GET /connect/qrconnect} and {@code GET /connect/oauth2/sns_authorize} on the oapi host: the legacy flow's
 * login pages (protocol §2.1). Checks {@code appid}, {@code response_type=code}, {@code scope=snsapi_login} and the
 * registered {@code redirect_uri}, then shows the same consent page as the new flow (the GET and the error page are
 * {@link AuthorizeHandler}'s); approving returns {@code code} (a legacy temporary code) and {@code state}. The real pages show a QR code or a password form; whom to sign in as
 * is the emulator's consent page either way.
 */
final class LegacyAuthorizeHandler extends AuthorizeHandler {

    static final String SCOPE = "snsapi_login";
    private static final List<String> SINGLE_VALUED = List.of("appid", "redirect_uri", "response_type", "scope",
            "state");

    LegacyAuthorizeHandler(String clientId, RedirectUris redirectUris, Directory directory, Grants grants) {
        super(clientId, redirectUris, directory, grants);
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
