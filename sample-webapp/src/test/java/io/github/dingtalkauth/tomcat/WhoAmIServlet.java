package io.github.dingtalkauth.tomcat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.PrintWriter;
import java.security.CodeSource;
import java.security.Principal;
import java.util.Collection;
import java.util.Collections;
import java.util.TreeSet;

/**
 * The plain WAR's only servlet, copied as a .class file into {@code WEB-INF/classes}: it knows the servlet API and
 * nothing of the filter, and prints what the container tells it about the user, one {@code key=value} per line. It
 * also says which class loader defined the principal's class: the filter created that object, so that is the loader
 * the filter itself came from. Then the principal's JavaBean properties as JSP EL would read them, the answer of
 * {@code isUserInRole} for each role in {@code ?roles=a,b}, and the names of the session's attributes.
 */
public class WhoAmIServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain;charset=UTF-8");
        PrintWriter out = resp.getWriter();
        Principal principal = req.getUserPrincipal();
        out.println("remoteUser=" + req.getRemoteUser());
        out.println("principal=" + (principal == null ? null : principal.getName()));
        out.println("authType=" + req.getAuthType());
        if (principal != null) {
            Class<?> type = principal.getClass();
            ClassLoader loader = type.getClassLoader();
            out.println("principalClass=" + type.getName());
            out.println("principalLoader=" + System.identityHashCode(loader));
            out.println("principalSource=" + location(type));
            try {
                out.println("jsonSource=" + location(Class.forName("jakarta.json.Json", false, loader)));
            } catch (ClassNotFoundException e) {
                out.println("jsonSource=none");
            }
        }
        out.println("servletLoader=" + System.identityHashCode(getClass().getClassLoader()));
        if (principal != null) {
            beanProperties(out, principal);
        }
        String roles = req.getParameter("roles");
        for (String role : roles == null ? new String[0] : roles.split(",")) {
            out.println("inRole." + role + "=" + req.isUserInRole(role));
        }
        HttpSession session = req.getSession(false);
        out.println("session=" + (session == null ? "none"
                : String.join(",", new TreeSet<>(Collections.list(session.getAttributeNames())))));
    }

    /** What JSP EL would see: {@code bean.title=…}, collections sorted and comma-separated. */
    private static void beanProperties(PrintWriter out, Principal principal) throws IOException {
        try {
            for (PropertyDescriptor property : Introspector.getBeanInfo(principal.getClass(), Object.class)
                    .getPropertyDescriptors()) {
                if (property.getReadMethod() != null) {
                    Object value = property.getReadMethod().invoke(principal);
                    out.println("bean." + property.getName() + "=" + (value instanceof Collection<?> c
                            ? String.join(",", c.stream().map(String::valueOf).sorted().toList())
                            : String.valueOf(value)));
                }
            }
        } catch (IntrospectionException | ReflectiveOperationException e) {
            throw new IOException(e);
        }
    }

    private static String location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return source == null ? null : String.valueOf(source.getLocation());
    }
}
