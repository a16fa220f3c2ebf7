package io.github.dingtalkauth.emulator;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The authorization server's memory: consent tickets, codes, access tokens and refresh tokens, each with its lifetime.
 */
final class Grants {

    /** DingTalk's refresh tokens live 30 days. */
    static final Duration REFRESH_TOKEN_TTL = Duration.ofDays(30);
    /**
     * A consent page stays usable at least this long, however short the code lifetime: a test that shortens codeTtl to
     * get an expired code still has to get through the consent page first.
     */
    static final Duration MIN_TICKET_TTL = Duration.ofMinutes(10);

    /** A scan's {@code loginTmpCode} lives this long: enough for the page to navigate, not to be kept. */
    static final Duration LOGIN_TMP_CODE_TTL = Duration.ofMinutes(2);

    record Tokens(String accessToken, String refreshToken) {
    }

    private final ExpiringStore<AuthorizeRequest> tickets;
    private final ExpiringStore<Grant> codes;
    private final ExpiringStore<Grant> accessTokens;
    private final ExpiringStore<Grant> refreshTokens;
    private final LegacyCodes legacyCodes;
    private final ExpiringStore<EmulatorUser> loginTmpCodes;
    private final IdSource ticketIds = IdSource.random();
    private final IdSource codeIds;
    private final IdSource accessTokenIds;
    private final IdSource refreshTokenIds;
    private final Duration ticketTtl;
    private final Duration codeTtl;
    private final Duration tokenTtl;

    Grants(Clock clock, IdSource codeIds, IdSource accessTokenIds, IdSource refreshTokenIds,
            Duration codeTtl, Duration tokenTtl) {
        this.tickets = new ExpiringStore<>(clock);
        this.codes = new ExpiringStore<>(clock);
        this.accessTokens = new ExpiringStore<>(clock);
        this.refreshTokens = new ExpiringStore<>(clock);
        this.codeIds = codeIds;
        this.legacyCodes = new LegacyCodes(clock, codeIds, codeTtl);
        this.loginTmpCodes = new ExpiringStore<>(clock);
        this.accessTokenIds = accessTokenIds;
        this.refreshTokenIds = refreshTokenIds;
        this.codeTtl = codeTtl;
        this.tokenTtl = tokenTtl;
        this.ticketTtl = codeTtl.compareTo(MIN_TICKET_TTL) > 0 ? codeTtl : MIN_TICKET_TTL;
    }

    String openTicket(AuthorizeRequest request) {
        String ticket = ticketIds.next();
        tickets.put(ticket, request, ticketTtl);
        return ticket;
    }

    boolean ticketIsOpen(String ticket) {
        return tickets.peek(ticket).isPresent();
    }

    Optional<AuthorizeRequest> closeTicket(String ticket) {
        return tickets.take(ticket);
    }

    String issueCode(Grant grant) {
        String code = codeIds.next();
        codes.put(code, grant, codeTtl);
        return code;
    }

    /** A temporary code of the legacy flow: redeemable only at {@code sns/getuserinfo_bycode}. */
    String issueLegacyCode(EmulatorUser user) {
        return legacyCodes.issue(user);
    }

    LegacyCodes.Redemption redeemLegacyCode(String code) {
        return legacyCodes.redeem(code);
    }

    /** What a scan of the legacy QR code hands the page ({@code loginTmpCode}): single use, short-lived. */
    String issueLoginTmpCode(EmulatorUser user) {
        String code = ticketIds.next();
        loginTmpCodes.put(code, user, LOGIN_TMP_CODE_TTL);
        return code;
    }

    Optional<EmulatorUser> redeemLoginTmpCode(String code) {
        return loginTmpCodes.take(code);
    }

    Optional<Grant> peekCode(String code) {
        return codes.peek(code);
    }

    Optional<Grant> redeemCode(String code) {
        return codes.take(code);
    }

    Tokens issueTokens(Grant grant) {
        Tokens tokens = new Tokens(accessTokenIds.next(), refreshTokenIds.next());
        accessTokens.put(tokens.accessToken(), grant, tokenTtl);
        refreshTokens.put(tokens.refreshToken(), grant, REFRESH_TOKEN_TTL);
        return tokens;
    }

    /** Refresh tokens rotate: each is good for one refresh. */
    Optional<Grant> redeemRefreshToken(String refreshToken) {
        return refreshTokens.take(refreshToken);
    }

    Optional<Grant> grantOf(String accessToken) {
        return accessTokens.peek(accessToken);
    }

    /** Makes the profile endpoint accept a token the emulator did not mint (for {@link Fault#accessTokenValue}). */
    void honour(String accessToken, Grant grant) {
        accessTokens.put(accessToken, grant, tokenTtl);
    }

    /**
     * A token-shaped value that grants nothing, for fault answers. It comes from the same source as real tokens, so
     * with a canary prefix a leaked fault body is as greppable as a leaked real token.
     */
    String inertAccessToken() {
        return accessTokenIds.next();
    }

    String inertRefreshToken() {
        return refreshTokenIds.next();
    }

    Duration tokenTtl() {
        return tokenTtl;
    }
}
