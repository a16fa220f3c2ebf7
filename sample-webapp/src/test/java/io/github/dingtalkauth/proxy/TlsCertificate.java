package io.github.dingtalkauth.proxy;

import io.github.dingtalkauth.testing.OsTool;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away certificate for {@code localhost} made with the JDK's own keytool (no download, no openssl), written
 * as the PEM files nginx reads, and a TLS context that trusts this certificate and nothing else.
 */
final class TlsCertificate {
    private static final char[] PASSWORD = "throwaway".toCharArray();

    final Path certificate;
    final Path privateKey;
    private final SSLContext trustingIt;

    private TlsCertificate(Path certificate, Path privateKey, SSLContext trustingIt) {
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.trustingIt = trustingIt;
    }

    static TlsCertificate makeIn(Path dir) throws Exception {
        Path store = dir.resolve("localhost.p12");
        Files.deleteIfExists(store);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        OsTool.run(List.of(keytool.toString(), "-genkeypair", "-alias", "localhost", "-keyalg", "EC",
                "-groupname", "secp256r1", "-validity", "2", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)), dir);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        Certificate cert = keys.getCertificate("localhost");
        Path certificate = pem(dir.resolve("localhost.crt"), "CERTIFICATE", cert.getEncoded());
        Path privateKey = pem(dir.resolve("localhost.key"), "PRIVATE KEY",
                keys.getKey("localhost", PASSWORD).getEncoded());
        return new TlsCertificate(certificate, privateKey, trusting(cert));
    }

    /** A TLS context whose only trust anchor is this certificate. */
    SSLContext trustingIt() {
        return trustingIt;
    }

    private static SSLContext trusting(Certificate cert) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("localhost", cert);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static Path pem(Path file, String type, byte[] der) throws Exception {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
        return file;
    }
}
