package io.wssocket.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The wss scenario's TLS: one self-signed certificate (ECDSA P-256, for {@code 127.0.0.1} and
 * {@code localhost}) in a PKCS#12 keystore that the runner makes with the JDK's {@code keytool}
 * before the first run, which every server serves and every driver trusts; TLS 1.3 only.
 *
 * <p>A server JVM serves wss:// when {@code -Dbench.tls.keystore} names the keystore (password
 * {@code -Dbench.tls.password}); Netty takes {@code -Dbench.tls.provider=openssl} for
 * netty-tcnative's BoringSSL instead of the JDK's provider.
 */
public final class BenchTls {

    /** The keystore a server serves wss:// with; unset: ws://. */
    public static final String KEYSTORE_PROPERTY = "bench.tls.keystore";
    /** The keystore's password. */
    public static final String PASSWORD_PROPERTY = "bench.tls.password";
    /** {@code jdk} (default) or {@code openssl}: Netty's SSL provider. */
    public static final String PROVIDER_PROPERTY = "bench.tls.provider";
    /** The one protocol offered and accepted. */
    public static final String PROTOCOL = "TLSv1.3";
    /** The generated keystore's password: it guards a throw-away key for loopback only. */
    public static final String PASSWORD = "bench-only";
    /** The key's alias in the keystore. */
    public static final String ALIAS = "bench";

    private BenchTls() {
    }

    /** The keystore this server JVM was told to serve, or null for plain ws://. */
    static Path serverKeystore() {
        String path = System.getProperty(KEYSTORE_PROPERTY, "");
        return path.isEmpty() ? null : Path.of(path);
    }

    /** The keystore's password from {@link #PASSWORD_PROPERTY} (default {@link #PASSWORD}). */
    static String serverPassword() {
        return System.getProperty(PASSWORD_PROPERTY, PASSWORD);
    }

    /** Whether Netty should use OpenSSL (netty-tcnative) rather than the JDK's SSLEngine. */
    static boolean openSsl() {
        return System.getProperty(PROVIDER_PROPERTY, "jdk").equals("openssl");
    }

    /** The server's keys from {@code keystore}, for a server that takes a {@link KeyManagerFactory}. */
    static KeyManagerFactory keyManagers(Path keystore, String password) throws IOException, GeneralSecurityException {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(load(keystore, password), password.toCharArray());
        return kmf;
    }

    /** A TLS 1.3 server context with the keys in {@code keystore}, for a server that takes an {@link SSLContext}. */
    static SSLContext serverContext(Path keystore, String password) throws IOException, GeneralSecurityException {
        SSLContext context = SSLContext.getInstance(PROTOCOL);
        context.init(keyManagers(keystore, password).getKeyManagers(), null, null);
        return context;
    }

    /** A client context that trusts the certificate in {@code keystore} (and nothing else), TLS 1.3 only. */
    static SSLContext clientContext(Path keystore, String password) throws IOException, GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        // the JDK's trust managers take the certificate of a key entry as trusted
        tmf.init(load(keystore, password));
        SSLContext context = SSLContext.getInstance(PROTOCOL);
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(Path keystore, String password) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, password.toCharArray());
        }
        return ks;
    }

    /**
     * Makes a fresh self-signed keystore at {@code keystore} (password {@link #PASSWORD}) with the
     * {@code keytool} of the JDK at {@code javaHome}, replacing any there.
     */
    public static void generate(Path keystore, Path javaHome) throws IOException, InterruptedException {
        Files.createDirectories(keystore.toAbsolutePath().getParent());
        Files.deleteIfExists(keystore);
        Path keytool = javaHome.resolve("bin").resolve("keytool");
        Process p = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", ALIAS, "-keyalg", "EC",
                "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "30", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD))
                .redirectErrorStream(true).start();
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("keytool did not finish within 60 s");
        }
        if (p.exitValue() != 0 || !Files.exists(keystore)) {
            throw new IOException("keytool failed (exit " + p.exitValue() + "): " + output.strip());
        }
    }
}
