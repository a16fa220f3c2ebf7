package io.github.dingtalkauth.sample;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * The sample's 404 page, registered as {@code <error-page>}: the same look and headers as its other pages instead of
 * the container's own. It shows no part of the requested URL.
 */
public final class NotFoundServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setStatus(HttpServletResponse.SC_NOT_FOUND);
        if ("HEAD".equals(req.getMethod())) {
            return;
        }
        Texts texts = Texts.of(req);
        PrintWriter out = Html.begin(req, resp, texts, "notFound.title");
        out.println("<h1>" + texts.get("notFound.title") + "</h1>");
        out.println("<p>" + texts.get("notFound.text") + "</p>");
        out.println("<p><a class=\"button secondary\" href=\"" + Html.escape(req.getContextPath())
                + "/\">" + texts.get("notFound.back") + "</a></p>");
        Html.end(out, texts);
    }
}
