package io.github.dingtalkauth.benchmarks;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.Collections;

/** Answers the Java-serialized size of the caller's session attributes (names and values), as a store keeps them. */
final class SessionBytesServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int attributes = 0;
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            if (session != null) {
                for (String name : Collections.list(session.getAttributeNames())) {
                    out.writeUTF(name);
                    out.writeObject(session.getAttribute(name));
                    attributes++;
                }
            }
        }
        response.setContentType("text/plain");
        response.getWriter().write(bytes.size() + " " + attributes + "\n");
    }
}
