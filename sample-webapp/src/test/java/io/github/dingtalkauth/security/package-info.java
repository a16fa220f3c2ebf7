/**
 * The black-box security suite for checklist sections A, B (B1–B3), C, D, G, H and I1
 * (the OAuth-client security checklist behind SECURITY.md): the sample application with the filter runs in embedded Jetty in front
 * of the DingTalk emulator, both over real HTTP on loopback; every test drives it with
 * {@link io.github.dingtalkauth.testing.Browser} instances (one cookie jar per person, redirects never followed) or raw
 * sockets, and checks the provider's side through the emulator's counters and request log. Test methods are named
 * after the checklist item they prove ({@code a2_…}, {@code c1_…}); {@link io.github.dingtalkauth.security.Reject}
 * is the checklist's {@code REJECT(reason)}.
 *
 * <p>Issue 10: every scenario holds for the legacy flow too. The classes that prove state, single use, input
 * handling, protective headers, return targets, the session id, back-channel faults and secrets in logs run again with
 * {@code flow=legacy} as {@code Legacy…Test} subclasses ({@link io.github.dingtalkauth.testing.Flow} says what differs
 * on the wire); scenarios that do not apply to legacy say why where they are skipped ({@code authCode} beside
 * {@code code}, the user access token, the token call's JSON). {@code LegacyExchangeTest} adds what only the legacy
 * flow can get wrong: a rejected signature, clock skew, {@code errcode} inside HTTP 200, an outsider.
 *
 * <h2>Items with no test here, and why</h2>
 * <ul>
 *   <li><b>A5 test 3</b> (stale records purged): not observable from outside beyond what {@code a6_pendingLoginsAreBounded},
 *       {@code d6_pendingLoginsStayAtTheBound} and the pre-login session expiry ({@code a5_…}, {@code d6_navigation…})
 *       show; the filter exposes no counter.</li>
 *   <li><b>A8</b> (POST-only start, rate limit): not applicable. The filter does plain sign-in only, no account
 *       linking, so a GET start is acceptable; it has no rate limiter (left to the container or proxy), and its only
 *       side effect, the pending-login record, is bounded per session (tested under A6/D6).</li>
 *   <li><b>B2 tests 3–5</b> (HTTPS-only callback, access-log masking, documented residual risk): the sample runs plain
 *       HTTP on loopback by design and has no access log; the residual risk is SECURITY.md's business.</li>
 *   <li><b>B4</b> (mix-up, {@code iss}): not applicable. DingTalk is the only authorization server (RFC 9700 §4.4.2)
 *       and its endpoints come from configuration only.</li>
 *   <li><b>C3</b> (domain-only redirect-URI matching at DingTalk): not applicable here; it is a manual check against
 *       real DingTalk. The C1 corpus is run against every endpoint of this host that takes a URL-ish value
 *       ({@code returnTo} at login, the requested page, logout).</li>
 *   <li><b>C4 tests 3–4</b> (Secure cookie behind a TLS proxy, start-up refusal of a bad redirectUri): the sample has no
 *       TLS; the cookie's attributes are shown not to flip with {@code X-Forwarded-Proto}. Start-up validation is a
 *       configuration test, not black-box.</li>
 *   <li><b>D2 test 2–4</b> (real-browser SameSite behaviour): needs a real browser (Playwright), which this build does
 *       not have. The cookie attributes themselves are checked ({@code d2_sessionCookieAttributes}).</li>
 *   <li><b>D5 idle timeout</b>: the application's own ({@code web.xml}); the tests show the short pre-login timeout
 *       is lifted at sign-in, and {@code AbsoluteTimeoutTest} the absolute one ({@code maxSessionAge}) with a moved
 *       clock rather than test-profile seconds.</li>
 *   <li><b>G1 test 2, G2 tests 2–3</b> (caching proxy, framing in a browser, embedded QR {@code postMessage}): need a
 *       proxy or a browser; the filter does not use DingTalk's embedded QR widget.</li>
 *   <li><b>G3 HSTS</b>: plain HTTP on loopback; HSTS belongs to the TLS terminator.</li>
 *   <li><b>H1 test 4</b> ({@code code} without {@code authCode} refused): by design the filter takes {@code code} as an
 *       alias of {@code authCode} (the emulator, like DingTalk's tutorial, sends both); two different values are
 *       refused ({@code code_conflict}).</li>
 *   <li><b>I2</b> (clusters, persistent sessions): not applicable to the single-node sample; the pending-login record
 *       is {@code Serializable} and re-set after every change, which only a cluster test could show.</li>
 * </ul>
 */
package io.github.dingtalkauth.security;
