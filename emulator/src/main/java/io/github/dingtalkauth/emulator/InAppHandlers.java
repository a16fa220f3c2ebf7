package io.github.dingtalkauth.emulator;

import jakarta.json.JsonObjectBuilder;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * DingTalk's client, as far as a page inside it sees it: the stand-in JS SDK, which hands the page an in-app code for
 * whoever is signed into the client, and {@code POST /topapi/v2/user/getuserinfo}, which redeems such a code with the
 * app token (every answer HTTP 200, failures as {@code errcode}).
 *
 * <p>The emulator's choice: anyone signed into the client gets a code, members of the home organization or not, so
 * that an application's own membership check can be seen refusing an outsider.
 */
final class InAppHandlers {
    static final String SDK_PATH = "/jsapi/dingtalk.open.js";
    /** Unknown, expired or used code (DingTalk: 不存在的临时授权码). */
    static final int UNKNOWN_CODE = 40078;

    private final InAppCodes codes;
    private final Directory directory;
    private final Oapi oapi;
    private final AtomicReference<String> clientUser = new AtomicReference<>();
    private final AtomicReference<ClientSdk> sdk = new AtomicReference<>(ClientSdk.ANSWERS_CODE);

    InAppHandlers(InAppCodes codes, Directory directory, Oapi oapi) {
        this.codes = codes;
        this.directory = directory;
        this.oapi = oapi;
        reset();
    }

    /** The first user is signed into the client, and the SDK answers with {@code code}. */
    void reset() {
        clientUser.set(directory.first().key());
        sdk.set(ClientSdk.ANSWERS_CODE);
    }

    void setClientUser(String key) {
        if (key != null && directory.byKey(key).isEmpty()) {
            throw new IllegalArgumentException("there is no user with key " + key);
        }
        clientUser.set(key);
    }

    String issue(String userKey) {
        return codes.issue(directory.byKey(Objects.requireNonNull(userKey, "userKey"))
                .orElseThrow(() -> new IllegalArgumentException("there is no user with key " + userKey)));
    }

    void setSdk(ClientSdk behaviour) {
        sdk.set(Objects.requireNonNull(behaviour, "behaviour"));
    }

    /** The script; each load hands out a fresh code, so a test sees DingTalk's single use and lifetime. */
    Response script(RecordedRequest request) {
        ClientSdk behaviour = sdk.get();
        if (behaviour == ClientSdk.SCRIPT_MISSING) {
            return Response.raw(404, "text/plain;charset=utf-8", "Not Found");
        }
        Optional<EmulatorUser> user = Optional.ofNullable(clientUser.get()).flatMap(directory::byKey);
        String code = user.map(codes::issue).orElse("");
        return Response.script(Response.JAVASCRIPT, SdkScript.render(directory.corpId(), code, behaviour))
                .withHeader("Access-Control-Allow-Origin", "*");
    }

    Response userInfo(RecordedRequest request) {
        return oapi.topapi(request, body -> JsonCodec.string(body, "code")
                .flatMap(codes::redeem)
                .map(user -> oapi.result(result(user).build()))
                .orElseGet(() -> oapi.error(UNKNOWN_CODE, "不存在的临时授权码")));
    }

    /** §6.4's {@code result}; a user outside the organization is named by their key. */
    static JsonObjectBuilder result(EmulatorUser user) {
        Membership m = user.membership();
        boolean admin = m != null && m.isMember() && m.admin();
        int level = m != null && m.isMember() && m.boss() ? 100 : admin ? 2 : 0;
        return JsonCodec.object()
                .add("userid", m != null ? m.userId() : user.key())
                .add("unionid", user.unionId())
                .add("associated_unionid", "")
                .add("name", m != null && m.name() != null ? m.name() : user.nick())
                .add("device_id", "emulator-" + user.key())
                .add("sys", admin)
                .add("sys_level", level);
    }
}
