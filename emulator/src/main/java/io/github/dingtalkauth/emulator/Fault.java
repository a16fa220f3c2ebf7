package io.github.dingtalkauth.emulator;

import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A way for an endpoint to misbehave, set with {@link DingTalkEmulator#setFault} or
 * {@link DingTalkEmulator#setFaultOnce}.
 *
 * <p>Only {@link #delay}, {@link #slowHeaders} and {@link #whileAnswering} let the real endpoint run, so they alone
 * can redeem a code or issue a token. Every other fault answers in the endpoint's place and changes nothing: the code a client presented stays
 * redeemable, which lets a test prove that the client did not retry behind the fault's back.
 *
 * <p>Faults about JSON content apply to the back-channel endpoints only (every one but {@link Endpoint#AUTHORIZE}),
 * the oapi error faults to the oapi endpoints only, and a few to one endpoint as documented; setting one elsewhere
 * is refused with an {@link IllegalArgumentException}.
 */
public final class Fault {

    @FunctionalInterface
    interface Action {
        void perform(FaultScene scene) throws IOException, InterruptedException;
    }

    private static final Set<Endpoint> EVERYWHERE = Set.of(Endpoint.values());
    private static final Set<Endpoint> BACK_CHANNEL = EnumSet.complementOf(EnumSet.of(Endpoint.AUTHORIZE,
            Endpoint.LEGACY_QR_AUTHORIZE, Endpoint.LEGACY_ACCOUNT_AUTHORIZE, Endpoint.JSAPI));
    private static final Set<Endpoint> OAPI = EnumSet.of(Endpoint.LEGACY_APP_TOKEN, Endpoint.USER_BY_UNIONID,
            Endpoint.EMPLOYEE, Endpoint.LEGACY_USER_INFO, Endpoint.IN_APP_USER_INFO);

    /** What an Alibaba Cloud front end (Tengine) shows when the service behind it fails. */
    private static final String TENGINE_500 = """
            <!DOCTYPE html>
            <html>
            <head><title>500 Internal Server Error</title></head>
            <body>
            <center><h1>500 Internal Server Error</h1></center>
            <hr><center>Tengine</center>
            </body>
            </html>
            """;

    private final String description;
    private final Set<Endpoint> endpoints;
    private final Action action;

    private Fault(String description, Set<Endpoint> endpoints, Action action) {
        this.description = description;
        this.endpoints = endpoints;
        this.action = action;
    }

    /** Waits, then lets the endpoint answer normally (a code is redeemed only after the wait). */
    public static Fault delay(Duration wait) {
        requirePositive(wait);
        return new Fault("delay(" + wait + ")", EVERYWHERE, scene -> {
            scene.pause(wait);
            scene.send(scene.normalAnswer());
        });
    }

    /**
     * Lets the endpoint do its work at once (a code is redeemed now), then holds the answer back: the "DingTalk did it
     * but the reply was late" case, after which a client that gave up and retries finds its code used.
     */
    public static Fault slowHeaders(Duration wait) {
        requirePositive(wait);
        return new Fault("slowHeaders(" + wait + ")", EVERYWHERE, scene -> {
            Response answer = scene.normalAnswer();
            scene.pause(wait);
            scene.send(answer);
        });
    }

    /**
     * Runs {@code action} when the request arrives, then lets the endpoint answer normally: for a test that needs
     * something to happen while DingTalk is answering, such as a sign-out in another tab during the code exchange.
     * An exception from the action is answered as the emulator's own failure (500 {@code EmulatorInternalError}).
     */
    public static Fault whileAnswering(Runnable action) {
        Objects.requireNonNull(action, "action");
        return new Fault("whileAnswering(" + action + ")", EVERYWHERE, scene -> {
            action.run();
            scene.send(scene.normalAnswer());
        });
    }

    /** Exactly this answer; a null content type sends no {@code Content-Type}, a null body an empty one. */
    public static Fault status(int status, String contentType, String body) {
        requireStatus(status, 100, 599);
        return new Fault("status(" + status + ", " + contentType + ", " + body + ")", EVERYWHERE,
                scene -> scene.send(Response.raw(status, contentType, body)));
    }

    /**
     * Exactly these bytes as the body, for what a String cannot express, such as invalid UTF-8 (checklist E5); a null
     * content type sends no {@code Content-Type}.
     */
    public static Fault statusBytes(int status, String contentType, byte[] body) {
        requireStatus(status, 100, 599);
        byte[] copy = Objects.requireNonNull(body, "body").clone();
        return new Fault("statusBytes(" + status + ", " + contentType + ", " + copy.length + " bytes)", EVERYWHERE,
                scene -> scene.send(Response.bytes(status, contentType, copy)));
    }

    /** DingTalk's JSON error: {@code {"code":code,"requestid":"<UUID>","message":message}}. */
    public static Fault dingTalkError(int status, String code, String message) {
        requireStatus(status, 100, 599);
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        return new Fault("dingTalkError(" + status + ", " + code + ")", EVERYWHERE,
                scene -> scene.send(ApiError.of(status, code, message)));
    }

    /** 403 {@code Forbidden.AccessDenied.QpsLimitForApi}, DingTalk's answer when an API is called too often. */
    public static Fault qpsLimited() {
        return new Fault("qpsLimited()", EVERYWHERE, scene -> scene.send(ApiError.of(403,
                "Forbidden.AccessDenied.QpsLimitForApi", "该接口调用频率超过限制 (API call rate limit exceeded)")));
    }

    /**
     * {@code {"status":1111,"wait":5}}, what DingTalk sends for five minutes to an egress IP that called too often.
     * The HTTP status of that answer is not documented; it is 200 here, the harder case for a client, which then has
     * only the body to tell it from a success.
     */
    public static Fault ipBlocked() {
        return new Fault("ipBlocked()", EVERYWHERE,
                scene -> scene.send(Response.json(200, "{\"status\":1111,\"wait\":5}")));
    }

    /** A 500 HTML page as an overloaded front end sends it. */
    public static Fault html500() {
        return new Fault("html500()", EVERYWHERE, scene -> scene.send(Response.raw(500, Response.HTML, TENGINE_500)));
    }

    /**
     * 200 with JSON headers and a {@code Content-Length} at once, then a success-looking body one byte per interval:
     * defeats a client whose timeout covers only the wait for headers.
     */
    public static Fault dripBody(Duration perByte) {
        requirePositive(perByte);
        return new Fault("dripBody(" + perByte + ")", BACK_CHANNEL,
                scene -> scene.drip(Response.json(200, scene.successLookingJson()), perByte));
    }

    /**
     * Closes the connection without sending a single byte of answer. Note that the JDK's HttpClient silently retries
     * a GET once when this happens, so for {@link Endpoint#PROFILE} a one-shot fault is invisible to such a client:
     * use {@link DingTalkEmulator#setFault} (and expect two recorded requests per call).
     */
    public static Fault closeConnection() {
        return new Fault("closeConnection()", EVERYWHERE, FaultScene::hangUp);
    }

    /**
     * A 200 success-looking JSON object of exactly {@code bytes} bytes, padded with a long string member, its size
     * announced in {@code Content-Length}.
     */
    public static Fault hugeBody(int bytes) {
        requireHuge(bytes);
        return new Fault("hugeBody(" + bytes + ")", BACK_CHANNEL, scene -> scene.sendPadded(bytes, true));
    }

    /** {@link #hugeBody} sent chunked, without a {@code Content-Length}: a client learns the size only by reading. */
    public static Fault hugeChunkedBody(int bytes) {
        requireHuge(bytes);
        return new Fault("hugeChunkedBody(" + bytes + ")", BACK_CHANNEL, scene -> scene.sendPadded(bytes, false));
    }

    /**
     * 200 with JSON headers announcing a success-looking body's full length, the first half of it, then the
     * connection closes: a connection lost in the middle of an answer.
     */
    public static Fault connectionDroppedMidBody() {
        return new Fault("connectionDroppedMidBody()", BACK_CHANNEL,
                scene -> scene.breakOff(Response.json(200, scene.successLookingJson())));
    }

    /** 200 with the first half of a success-looking JSON object (a complete HTTP message, broken JSON). */
    public static Fault truncatedJson() {
        return new Fault("truncatedJson()", BACK_CHANNEL, scene -> {
            String json = scene.successLookingJson();
            String half = json.substring(0, json.offsetByCodePoints(0, json.codePointCount(0, json.length()) / 2));
            scene.send(Response.json(200, half));
        });
    }

    /** 200 with valid JSON nested {@code depth} objects deep: {@code {"a":{"a":...{}...}}}. */
    public static Fault deeplyNested(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be at least 1: " + depth);
        }
        String json = "{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
        return new Fault("deeplyNested(" + depth + ")", BACK_CHANNEL, scene -> scene.send(Response.json(200, json)));
    }

    /**
     * 200 with the right field names and the wrong JSON types (e.g. a numeric accessToken, unionId or userid, a
     * contact_type that is no number even as a string).
     */
    public static Fault wrongTypes() {
        return new Fault("wrongTypes()", BACK_CHANNEL,
                scene -> scene.send(Response.json(200, WrongTypes.bodyFor(scene.endpoint()))));
    }

    /**
     * An oapi failure as DingTalk sends it, HTTP 200 with {@code {"errcode":errcode,"errmsg":errmsg,"request_id":…}}:
     * e.g. {@code 40001} or {@code 42001} (an invalid or expired token in the legacy style), {@code 50002} (the user is
     * outside the app's visible range), {@code 90018} (rate limit), {@code -1} (busy).
     */
    public static Fault oapiError(int errcode, String errmsg) {
        Objects.requireNonNull(errmsg, "errmsg");
        return new Fault("oapiError(" + errcode + ")", OAPI,
                scene -> scene.send(Response.json(200, Oapi.errorBody(errcode, errmsg).build())));
    }

    /**
     * An oapi authentication failure, {@code errcode} 88 with a string {@code sub_code}, e.g. {@code "40014"}
     * (invalid token, also what the emulator answers by itself for a bad or expired app token), {@code "40001"},
     * {@code "42001"}.
     */
    public static Fault oapiAuthError(String subCode, String subMsg) {
        Objects.requireNonNull(subCode, "subCode");
        Objects.requireNonNull(subMsg, "subMsg");
        return new Fault("oapiAuthError(" + subCode + ")", OAPI,
                scene -> scene.send(Response.json(200, Oapi.authErrorBody(subCode, subMsg).build())));
    }

    /** 200 with the profile of the token's user (or the first user), minus {@code unionId}. */
    public static Fault missingUnionId() {
        return new Fault("missingUnionId()", Set.of(Endpoint.PROFILE),
                scene -> scene.send(Response.json(200, scene.profileWithoutUnionId())));
    }

    /** A redirect to {@code location}, which a back-channel client must not follow. */
    public static Fault redirect(int status, String location) {
        requireStatus(status, 300, 399);
        Objects.requireNonNull(location, "location");
        return new Fault("redirect(" + status + ", " + location + ")", EVERYWHERE,
                scene -> scene.send(Response.redirect(status, location)));
    }

    /**
     * 200 with exactly this {@code accessToken} (JSON-escaped, so CR/LF and quotes arrive intact after parsing).
     * The profile endpoint honours the value for the user of the presented code, which stays unredeemed.
     */
    public static Fault accessTokenValue(String raw) {
        Objects.requireNonNull(raw, "raw");
        return new Fault("accessTokenValue(" + raw + ")", Set.of(Endpoint.TOKEN), scene -> {
            scene.honour(raw);
            scene.send(Response.json(200, scene.tokenAnswer(raw)));
        });
    }

    /** 200 with exactly this body as JSON. */
    public static Fault profileBody(String json) {
        Objects.requireNonNull(json, "json");
        return new Fault("profileBody(" + json + ")", Set.of(Endpoint.PROFILE),
                scene -> scene.send(Response.json(200, json)));
    }

    public boolean appliesTo(Endpoint endpoint) {
        return endpoints.contains(endpoint);
    }

    void perform(FaultScene scene) throws IOException, InterruptedException {
        action.perform(scene);
    }

    @Override
    public String toString() {
        return description;
    }

    private static void requirePositive(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive: " + duration);
        }
    }

    private static void requireHuge(int bytes) {
        if (bytes < 1024) {
            throw new IllegalArgumentException("a huge body needs at least 1024 bytes: " + bytes);
        }
    }

    private static void requireStatus(int status, int min, int max) {
        if (status < min || status > max) {
            throw new IllegalArgumentException("status must be " + min + ".." + max + ": " + status);
        }
    }
}
