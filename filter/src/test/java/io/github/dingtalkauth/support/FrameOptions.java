package io.github.dingtalkauth.support;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/** DTFrameLogin's login options as the authorize URL DingTalk's frame would open, for the emulator to approve. */
public final class FrameOptions {
    private FrameOptions() {
    }

    public static String authorizeUrl(JsonObject loginOptions) {
        StringJoiner query = new StringJoiner("&", FilterFixture.AUTHORIZE + "?", "");
        loginOptions.forEach((name, value) -> query.add(name + "="
                + URLEncoder.encode(((JsonString) value).getString(), StandardCharsets.UTF_8).replace("+", "%20")));
        return query.toString();
    }
}
