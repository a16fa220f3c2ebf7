package io.github.dingtalkauth.emulator;

import java.util.Locale;
import java.util.Optional;

/**
 * {@code GET /avatar/<key>.svg}: a small SVG with the user's initials, so that the consent page and the sample app
 * show avatars without loading anything from outside. Any other path is DingTalk's 404.
 */
final class AvatarHandler implements RequestHandler {

    static final String PREFIX = "/avatar/";
    private static final String SUFFIX = ".svg";
    private static final String[] COLOURS = {"#3370ff", "#00b42a", "#ff7d00", "#7b61ff", "#f53f3f", "#14c9c9"};

    private final Directory directory;

    AvatarHandler(Directory directory) {
        this.directory = directory;
    }

    @Override
    public Response handle(RecordedRequest request) {
        String path = request.path();
        if (!path.startsWith(PREFIX) || !path.endsWith(SUFFIX)) {
            return ApiError.notFound();
        }
        String key = path.substring(PREFIX.length(), path.length() - SUFFIX.length());
        Optional<EmulatorUser> user = directory.byKey(key);
        if (user.isEmpty() || !("GET".equals(request.method()) || "HEAD".equals(request.method()))) {
            return ApiError.notFound();
        }
        return Response.raw(200, "image/svg+xml;charset=utf-8", svg(user.get()))
                .withHeader("Cache-Control", "max-age=3600")
                .withHeader("X-Content-Type-Options", "nosniff")
                .withHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
    }

    private static String svg(EmulatorUser user) {
        String colour = COLOURS[Math.floorMod(user.key().hashCode(), COLOURS.length)];
        return """
                <svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">\
                <rect width="64" height="64" rx="14" fill="%s"/>\
                <text x="32" y="32" dy=".35em" text-anchor="middle" fill="#fff" font-size="22" \
                font-family="PingFang SC, Microsoft YaHei, Helvetica, Arial, sans-serif">%s</text></svg>
                """.formatted(colour, Html.escape(initials(user.nick())));
    }

    /** DingTalk shows the last two characters of a Chinese name (张三 → 张三, 欧阳娜娜 → 娜娜); Latin names get initials. */
    static String initials(String nick) {
        String name = nick.strip();
        if (name.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
            int count = name.codePointCount(0, name.length());
            return name.substring(name.offsetByCodePoints(0, Math.max(0, count - 2)));
        }
        StringBuilder initials = new StringBuilder();
        String[] words = name.split("\\s+");
        for (String word : new String[] {words[0], words.length > 1 ? words[words.length - 1] : ""}) {
            if (!word.isEmpty()) {
                initials.appendCodePoint(word.codePointAt(0));
            }
        }
        return initials.toString().toUpperCase(Locale.ROOT);
    }
}
