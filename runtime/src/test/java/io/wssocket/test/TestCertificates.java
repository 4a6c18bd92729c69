package io.wssocket.test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Self-signed certificates made for the tests with the JDK's keytool (EC P-256, valid two days):
 * one for localhost and 127.0.0.1, one for another name only. Made once per JVM in a temporary
 * folder; each comes as a PKCS#12 keystore, a PEM certificate and a PEM PKCS#8 key.
 */
public final class TestCertificates {
    public static final String PASSWORD = "changeit";

    /** One certificate and key, in the forms the server and client read. */
    public record Material(Path keystore, Path certificatePem, Path keyPem) {

        /** A keystore that holds the certificate alone, as a trusted entry: what a client trusts. */
        public KeyStore trustStore() throws IOException, GeneralSecurityException {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            try (InputStream in = Files.newInputStream(certificatePem)) {
                store.setCertificateEntry("server", CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            return store;
        }

        /** TLS for a client that trusts this certificate and nothing else. */
        public SSLContext clientContext() throws IOException, GeneralSecurityException {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        }

        /** TLS for a server that presents this certificate. */
        public SSLContext serverContext() throws IOException, GeneralSecurityException {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                store.load(in, PASSWORD.toCharArray());
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        }
    }

    private static Material localhost;
    private static Material otherHost;

    private TestCertificates() {
    }

    /** Valid for DNS name localhost and IP address 127.0.0.1. */
    public static synchronized Material localhost() {
        if (localhost == null) {
            localhost = make("localhost", "SAN=dns:localhost,ip:127.0.0.1");
        }
        return localhost;
    }

    /** Valid only for the name other.example: a client connecting to 127.0.0.1 must refuse it. */
    public static synchronized Material otherHost() {
        if (otherHost == null) {
            otherHost = make("other", "SAN=dns:other.example");
        }
        return otherHost;
    }

    private static Material make(String name, String subjectAlternativeNames) {
        try {
            Path dir = Files.createTempDirectory("wssocket-tls-");
            dir.toFile().deleteOnExit();
            Path keystore = dir.resolve(name + ".p12");
            keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                    "-dname", "CN=" + name, "-ext", subjectAlternativeNames, "-storetype", "PKCS12",
                    "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
            Path certificate = dir.resolve(name + ".crt");
            keytool("-exportcert", "-rfc", "-alias", name, "-keystore", keystore.toString(), "-storepass", PASSWORD,
                    "-file", certificate.toString());
            Path key = dir.resolve(name + "-key.pem");
            Files.writeString(key, pkcs8Pem(keystore, name), StandardCharsets.US_ASCII);
            for (Path p : List.of(keystore, certificate, key)) {
                p.toFile().deleteOnExit();
            }
            return new Material(keystore, certificate, key);
        } catch (IOException | InterruptedException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a test certificate with keytool: " + e, e);
        }
    }

    private static String pkcs8Pem(Path keystore, String alias) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        Key key = store.getKey(alias, PASSWORD.toCharArray());
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("keytool did not finish within 60 s");
        }
        if (process.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
