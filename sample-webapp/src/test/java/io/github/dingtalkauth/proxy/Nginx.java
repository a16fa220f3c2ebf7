package io.github.dingtalkauth.proxy;

import io.github.dingtalkauth.testing.OsTool;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx terminating TLS on a free loopback port in front of one upstream, with the proxy settings the
 * README's "Behind nginx" section gives (a server for the public host name, and a default one that answers no
 * other); its configuration, pid, logs and temporary files all under one directory.
 */
final class Nginx implements AutoCloseable {
    static final String PACKAGE = "nginx";
    static final String[] BINARY = {"/usr/sbin/nginx", "nginx"};

    /** The proxying part of the README's "Behind nginx" server block, word for word but for the upstream. */
    private static final String PROXYING = """
                    proxy_set_header Host               $http_host;
                    proxy_set_header X-Forwarded-Proto  $scheme;
                    proxy_set_header X-Forwarded-For    $proxy_add_x_forwarded_for;
                    # whatever a client claims in these never reaches the application
                    proxy_set_header X-Forwarded-Host   "";
                    proxy_set_header X-Forwarded-Port   "";
                    proxy_set_header X-Forwarded-Server "";
                    proxy_set_header Forwarded          "";

                    location / {
                        proxy_pass http://%1$s;
                    }
                    # DingTalk's redirect carries a code and a state: keep them out of the access log
                    location = /dingtalk/callback {
                        access_log off;
                        proxy_pass http://%1$s;
                    }
            """;

    private final Process process;
    private final Path dir;
    private final int port;

    private Nginx(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** Starts nginx with its files under {@code dir}, proxying {@code https://localhost:PORT} to {@code upstream}. */
    static Nginx start(Path dir, TlsCertificate tls, URI upstream) throws Exception {
        Path nginx = OsTool.require(PACKAGE, BINARY);
        Files.createDirectories(dir.resolve("tmp"));
        int port = OsTool.freePort();
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, config(dir, tls, port, upstream.getRawAuthority()));
        Process process = new ProcessBuilder(nginx.toString(), "-p", dir + "/", "-c", conf.toString(),
                "-e", dir.resolve("error.log").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        Nginx started = new Nginx(process, dir, port);
        try {
            started.awaitListening();
            return started;
        } catch (Exception | Error e) {
            started.close();
            throw e;
        }
    }

    /** {@code https://localhost:PORT}, the public origin. */
    URI base() {
        return URI.create("https://localhost:" + port);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM: nginx's fast shutdown
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static String config(Path dir, TlsCertificate tls, int port, String upstream) {
        String tmp = dir.resolve("tmp").toString();
        return String.join("\n",
                "daemon off;",
                "worker_processes 1;",
                "pid " + dir.resolve("nginx.pid") + ";",
                "error_log " + dir.resolve("error.log") + " warn;",
                workerUser(),
                "events { worker_connections 64; }",
                "http {",
                "    access_log " + dir.resolve("access.log") + ";",
                "    client_body_temp_path " + tmp + "/body;",
                "    proxy_temp_path " + tmp + "/proxy;",
                "    fastcgi_temp_path " + tmp + "/fastcgi;",
                "    uwsgi_temp_path " + tmp + "/uwsgi;",
                "    scgi_temp_path " + tmp + "/scgi;",
                "    server {",
                "        listen 127.0.0.1:" + port + " ssl default_server;",
                "        ssl_reject_handshake on;",
                "        return 444; # any other Host: no answer",
                "    }",
                "    server {",
                "        listen 127.0.0.1:" + port + " ssl;",
                "        server_name localhost;",
                "        ssl_certificate " + tls.certificate + ";",
                "        ssl_certificate_key " + tls.privateKey + ";",
                PROXYING.formatted(upstream),
                "    }",
                "}", "");
    }

    /**
     * As root the workers would otherwise run as "nobody" of group "nobody", which Debian lacks; they need only the
     * temporary directories, which nginx makes for them, so Debian's own nginx user does. Not root: nginx ignores it.
     */
    private static String workerUser() {
        return OsTool.runningAsRoot() ? "user www-data www-data;" : "";
    }

    private void awaitListening() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("nginx did not start: " + Files.readString(dir.resolve("nginx.out"))
                            + (Files.exists(dir.resolve("error.log")) ? Files.readString(dir.resolve("error.log")) : ""),
                            notYet);
                }
                Thread.sleep(50);
            }
        }
    }
}
