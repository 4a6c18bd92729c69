package io.wssocket.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS settings of a server or client, and the {@link SSLEngine}s made from them: only the
 * protocols asked for (TLS 1.3 and 1.2 by default) and only cipher suites with forward secrecy
 * and authenticated encryption (TLS 1.3's, and ECDHE with AES-GCM or ChaCha20-Poly1305 for 1.2).
 * Key material comes from a PKCS#12 keystore or from PEM files (certificate chain and a PKCS#8
 * private key).
 */
public final class TlsContext {
    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private final SSLContext context;
    private final String[] protocols;
    private final String[] cipherSuites;

    private TlsContext(SSLContext context, List<String> protocols) {
        this.context = context;
        SSLParameters supported = context.getSupportedSSLParameters();
        List<String> enabled = new ArrayList<>();
        for (String protocol : protocols) {
            if (!Arrays.asList(supported.getProtocols()).contains(protocol)) {
                throw new IllegalArgumentException("TLS protocol " + protocol + " is not supported by this JVM; it has "
                        + String.join(", ", supported.getProtocols()));
            }
            enabled.add(protocol);
        }
        this.protocols = enabled.toArray(new String[0]);
        this.cipherSuites = Arrays.stream(context.getDefaultSSLParameters().getCipherSuites())
                .filter(TlsContext::forwardSecretAead).toArray(String[]::new);
    }

    /** TLS 1.3's suites are all ECDHE/DHE with AEAD; for 1.2 take ECDHE with GCM or ChaCha20-Poly1305. */
    static boolean forwardSecretAead(String suite) {
        if (suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_")) {
            return true;
        }
        return suite.startsWith("TLS_ECDHE_") && (suite.contains("_GCM_") || suite.contains("CHACHA20_POLY1305"));
    }

    /** A server's TLS from a PKCS#12 keystore holding one private key and its certificate chain. */
    public static TlsContext serverFromPkcs12(Path keystore, char[] password, List<String> protocols) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                store.load(in, password);
            }
            return server(store, password, protocols);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the TLS keystore " + keystore + ": " + why(e, password, true), e);
        }
    }

    /**
     * What went wrong reading key material, for a message that already names the file.
     *
     * @param keystore whether the file should have been a PKCS#12 keystore, so that a parse error says so
     */
    private static String why(Exception e, char[] password, boolean keystore) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof UnrecoverableKeyException || e.getCause() instanceof UnrecoverableKeyException) {
            // PKCS#12: "keystore password was incorrect"
            return (password != null && password.length == 0 ? "no password was given" : "wrong password")
                    + " (" + e.getMessage() + ")";
        }
        String detail = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
        return keystore && e instanceof IOException ? "not a PKCS#12 keystore (" + detail + ")" : detail;
    }

    /** A server's TLS from a PEM certificate chain (leaf first) and a PEM PKCS#8 private key. */
    public static TlsContext serverFromPem(Path certificateChain, Path privateKey, List<String> protocols) {
        try {
            Certificate[] chain = readCertificates(certificateChain).toArray(new Certificate[0]);
            if (chain.length == 0) {
                throw new IllegalArgumentException("no certificate in " + certificateChain);
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = new char[0];
            store.setKeyEntry("server", readPrivateKey(privateKey), password, chain);
            return server(store, password, protocols);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the TLS certificate " + certificateChain + " and key "
                    + privateKey + ": " + why(e, null, false), e);
        }
    }

    private static TlsContext server(KeyStore store, char[] password, List<String> protocols)
            throws GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return new TlsContext(context, protocols);
    }

    /**
     * A client's TLS: the server's certificate is checked against {@code trustStore} (a PKCS#12
     * keystore, or PEM certificates for a path ending in .pem or .crt), or against the JVM's
     * default trust store when it is null; the host name is always verified.
     */
    public static TlsContext client(Path trustStore, char[] password, List<String> protocols) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            if (trustStore == null) {
                context.init(null, null, null);
            } else {
                KeyStore store = KeyStore.getInstance("PKCS12");
                String name = trustStore.getFileName().toString().toLowerCase(Locale.ROOT);
                if (name.endsWith(".pem") || name.endsWith(".crt")) {
                    store.load(null, null);
                    int i = 0;
                    for (Certificate certificate : readCertificates(trustStore)) {
                        store.setCertificateEntry("trusted-" + i++, certificate);
                    }
                } else {
                    try (InputStream in = Files.newInputStream(trustStore)) {
                        store.load(in, password);
                    }
                }
                TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(store);
                context.init(null, trust.getTrustManagers(), null);
            }
            return new TlsContext(context, protocols);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the TLS trust store " + trustStore + ": " + why(e, password, false), e);
        }
    }

    public SSLEngine serverEngine() {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setSSLParameters(parameters());
        return engine;
    }

    /** An engine for a connection to {@code host}: SNI names it, and its certificate must match it (RFC 6125). */
    public SSLEngine clientEngine(String host, int port) {
        SSLEngine engine = context.createSSLEngine(host, port);
        engine.setUseClientMode(true);
        SSLParameters parameters = parameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!host.isEmpty() && Character.isLetter(host.charAt(host.length() - 1))) {
            parameters.setServerNames(List.of(new SNIHostName(host))); // RFC 6066 §3: names, not addresses
        }
        engine.setSSLParameters(parameters);
        return engine;
    }

    private SSLParameters parameters() {
        SSLParameters parameters = context.getDefaultSSLParameters();
        parameters.setProtocols(protocols);
        parameters.setCipherSuites(cipherSuites);
        parameters.setUseCipherSuitesOrder(true);
        return parameters;
    }

    List<String> cipherSuites() {
        return List.of(cipherSuites);
    }

    private static Collection<? extends Certificate> readCertificates(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
    }

    /** A PEM PKCS#8 private key ("BEGIN PRIVATE KEY") of any algorithm the JVM knows (RSA, EC, EdDSA). */
    static PrivateKey readPrivateKey(Path file) throws IOException, GeneralSecurityException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            String type = m.group(1);
            if (type.equals("PRIVATE KEY")) {
                byte[] der = Base64.getMimeDecoder().decode(m.group(2));
                for (String algorithm : List.of("RSA", "EC", "EdDSA", "RSASSA-PSS")) {
                    try {
                        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                    } catch (GeneralSecurityException e) {
                        // not this algorithm; try the next
                    }
                }
                throw new GeneralSecurityException("the private key in " + file + " is of an algorithm this JVM does not know");
            }
            if (type.endsWith("PRIVATE KEY")) {
                throw new GeneralSecurityException(file + " holds a '" + type + "'; give the key as unencrypted PKCS#8 "
                        + "('BEGIN PRIVATE KEY'), e.g. openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem");
            }
        }
        throw new GeneralSecurityException("no 'BEGIN PRIVATE KEY' block in " + file);
    }
}
