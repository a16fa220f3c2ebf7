package io.github.dingtalkauth.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Sends bytes no well-behaved client would (raw non-UTF-8 in a query, a forged Host, thousands of parameters) and
 * returns the status line and headers. For hostile-input tests only.
 */
public final class RawHttp {
    private RawHttp() {
    }

    /** Sends {@code head} (request line and headers, without the final blank line) and returns the response head. */
    public static String send(URI base, byte[] requestLineAndHeaders) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(requestLineAndHeaders);
            out.write("\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0 && response.size() < 1 << 20) {
                response.write(buffer, 0, n);
            }
            return response.toString(StandardCharsets.UTF_8);
        }
    }

    public static String get(URI base, String rawTarget, String... headerLines) throws IOException {
        StringBuilder head = new StringBuilder("GET " + rawTarget + " HTTP/1.1\r\nHost: " + base.getHost() + ":"
                + base.getPort());
        for (String line : headerLines) {
            head.append("\r\n").append(line);
        }
        return send(base, head.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The status code of a raw response. */
    public static int status(String response) {
        return Integer.parseInt(response.substring(9, 12));
    }
}
