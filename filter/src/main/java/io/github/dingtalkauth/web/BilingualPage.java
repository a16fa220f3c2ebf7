package io.github.dingtalkauth.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * The former frame of pages that show Chinese and English side by side. Kept only until the last such page moves to
 * {@link Page} and {@link Messages}; new pages use those.
 */
final class BilingualPage {
    static final String CONTENT_TYPE = Page.CONTENT_TYPE;

    private BilingualPage() {
    }

    static PrintWriter open(HttpServletResponse response, String title) throws IOException {
        return Page.open(response, "zh-CN", title);
    }

    static void close(PrintWriter out) {
        Page.close(out);
    }
}
