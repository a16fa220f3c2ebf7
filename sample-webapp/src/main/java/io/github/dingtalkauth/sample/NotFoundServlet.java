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
        PrintWriter out = Html.begin(req, resp, "页面不存在 · Page not found");
        out.println("<h1>页面不存在<br><small>Page not found</small></h1>");
        out.println("<p>这个地址没有页面。<br><span class=\"en\">There is no page at this address.</span></p>");
        out.println("<p><a class=\"button secondary\" href=\"" + Html.escape(req.getContextPath())
                + "/\">返回首页 · Back to the home page</a></p>");
        Html.end(out);
    }
}
