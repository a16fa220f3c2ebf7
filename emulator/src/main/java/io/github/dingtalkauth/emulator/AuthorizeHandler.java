package io.github.dingtalkauth.emulator;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /oauth2/auth}: checks the request as strictly as DingTalk documents it, then shows the consent page.
 *
 * <p>An invalid request gets an error page and never a redirect: with a bad {@code client_id} or
 * {@code redirect_uri} there is nowhere trustworthy to send the browser.
 */
class AuthorizeHandler implements RequestHandler {

    private static final List<String> SINGLE_VALUED = List.of("client_id", "redirect_uri", "response_type", "scope",
            "prompt", "state", "corpId", "org_type", "exclusiveLogin", "exclusiveCorpId");
    /** OIDC and PKCE parameters DingTalk does not document; one project reports {@code nonce} being rejected. */
    private static final List<String> UNSUPPORTED = List.of("nonce", "code_challenge", "code_challenge_method");
    private static final Set<String> OPENID = Set.of("openid");
    private static final Set<String> OPENID_CORPID = Set.of("openid", "corpid");

    final String clientId;
    final RedirectUris redirectUris;
    final Directory directory;
    final Grants grants;

    /** @param redirectUris live: URIs registered after start count at once */
    AuthorizeHandler(String clientId, RedirectUris redirectUris, Directory directory, Grants grants) {
        this.clientId = clientId;
        this.redirectUris = redirectUris;
        this.directory = directory;
        this.grants = grants;
    }

    @Override
    public Response handle(RecordedRequest request) {
        if (!"GET".equals(request.method())) {
            return Pages.error(405, "only GET is allowed here, not " + request.method(), PageTexts.of(request))
                    .withHeader("Allow", "GET");
        }
        try {
            AuthorizeRequest valid = validate(request.query());
            String ticket = grants.openTicket(valid);
            return Pages.consent(clientId, valid, ticket, directory, PageTexts.of(request));
        } catch (BadRequest e) {
            return Pages.error(400, e.getMessage(), PageTexts.of(request));
        }
    }

    /** The checks of the authorize endpoint, also used to approve a request without a browser. */
    AuthorizeRequest validate(String query) throws BadRequest {
        Params params = parse(query);
        for (String name : SINGLE_VALUED) {
            if (params.repeated(name)) {
                throw new BadRequest(name + " is repeated");
            }
        }
        for (String name : UNSUPPORTED) {
            if (params.has(name)) {
                throw new BadRequest(name + " is not supported");
            }
        }
        String client = required(params, "client_id");
        if (!client.equals(clientId)) {
            throw new BadRequest("client_id is not a known app");
        }
        String redirectUri = required(params, "redirect_uri");
        if (!redirectUris.accepts(redirectUri)) {
            throw new BadRequest("redirect_uri is not registered for this app: " + redirectUri);
        }
        if (!"code".equals(required(params, "response_type"))) {
            throw new BadRequest("response_type must be code");
        }
        boolean corpScope = corpScope(required(params, "scope"));
        if (!"consent".equals(required(params, "prompt"))) {
            throw new BadRequest("prompt must be consent");
        }
        return new AuthorizeRequest(redirectUri, params.first("state").orElse(null), corpScope,
                organizationOptions(params, corpScope));
    }

    /**
     * {@code corpId}, {@code org_type}, {@code exclusiveLogin} and {@code exclusiveCorpId}. DingTalk documents what
     * they mean, not how it refuses them; the emulator's checks (corpId and org_type only with the corpid scope,
     * org_type only {@code management}, exclusiveLogin only true or false) catch a client that sends them carelessly.
     */
    private static AuthorizeRequest.Organization organizationOptions(Params params, boolean corpScope)
            throws BadRequest {
        Optional<String> corpId = params.first("corpId");
        if (corpId.isPresent() && !corpScope) {
            throw new BadRequest("corpId is allowed only with scope openid corpid");
        }
        Optional<String> orgType = params.first("org_type");
        if (orgType.isPresent() && !(corpScope && orgType.get().equals("management"))) {
            throw new BadRequest("org_type must be management, and only with scope openid corpid");
        }
        Optional<String> exclusive = params.first("exclusiveLogin");
        if (exclusive.isPresent() && !Set.of("true", "false").contains(exclusive.get())) {
            throw new BadRequest("exclusiveLogin must be true or false");
        }
        return new AuthorizeRequest.Organization(corpId.orElse(null), orgType.orElse(null),
                exclusive.map(Boolean::parseBoolean).orElse(false), params.first("exclusiveCorpId").orElse(null));
    }

    private static boolean corpScope(String scope) throws BadRequest {
        if (scope.contains(",")) {
            throw new BadRequest("scope must be space-separated (openid or openid corpid), not comma-separated");
        }
        List<String> parts = Arrays.asList(scope.split(" ", -1));
        Set<String> distinct = Set.copyOf(parts);
        if (distinct.size() == parts.size()) {
            if (distinct.equals(OPENID)) {
                return false;
            }
            if (distinct.equals(OPENID_CORPID)) {
                return true;
            }
        }
        throw new BadRequest("scope must be openid or openid corpid");
    }

    static Params parse(String query) throws BadRequest {
        try {
            return Params.parse(query);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("the query string is malformed");
        }
    }

    static String required(Params params, String name) throws BadRequest {
        return params.first(name).filter(value -> !value.isEmpty())
                .orElseThrow(() -> new BadRequest(name + " is missing"));
    }
}
