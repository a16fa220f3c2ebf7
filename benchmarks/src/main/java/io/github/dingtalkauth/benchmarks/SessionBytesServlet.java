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
        StringBuilder each = new StringBuilder();
        int attributes = 0;
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            if (session != null) {
                for (String name : Collections.list(session.getAttributeNames())) {
                    out.writeUTF(name);
                    out.writeObject(session.getAttribute(name));
                    attributes++;
                    each.append(' ').append(name.substring(name.lastIndexOf('.') + 1)).append('=')
                            .append(alone(name, session.getAttribute(name)));
                }
            }
        }
        response.setContentType("text/plain");
        response.getWriter().write(bytes.size() + " " + attributes + each + "\n");
    }

    private static int alone(String name, Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeUTF(name);
            out.writeObject(value);
        }
        return bytes.size();
    }
}
