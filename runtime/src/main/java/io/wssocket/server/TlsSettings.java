package io.wssocket.server;

import io.wssocket.transport.TlsContext;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Where the TLS key material and trust come from, as configured; {@link #serverContext()} and
 * {@link #clientContext()} read the files.
 *
 * @param keystore PKCS#12 keystore of the server, or "" for none
 * @param keystorePassword the keystore's password, or "" for none
 * @param certificate PEM certificate chain of the server, or "" for none (then {@code key} too)
 * @param key PEM private key of that certificate, or "" for none
 * @param protocols comma-separated TLS versions
 * @param truststore what the client trusts, or "" for the JVM's default trust store
 * @param truststorePassword the trust store's password, or "" for none
 */
public record TlsSettings(String keystore, String keystorePassword, String certificate, String key, String protocols,
                          String truststore, String truststorePassword) {
    /**
     * Checks the settings fit together.
     *
     * @param keystore PKCS#12 keystore of the server, or ""
     * @param keystorePassword the keystore's password, or ""
     * @param certificate PEM certificate chain of the server, or ""
     * @param key PEM private key of that certificate, or ""
     * @param protocols comma-separated TLS versions
     * @param truststore what the client trusts, or ""
     * @param truststorePassword the trust store's password, or ""
     * @throws IllegalArgumentException when both a keystore and a PEM pair are given, a PEM
     *     certificate comes without its key or the other way round, or no protocol is named
     */
    public TlsSettings {
        if (!keystore.isEmpty() && !certificate.isEmpty()) {
            throw new IllegalArgumentException("give the TLS key material either as tls-keystore or as tls-cert and "
                    + "tls-key, not both");
        }
        if (certificate.isEmpty() != key.isEmpty()) {
            throw new IllegalArgumentException("tls-cert and tls-key go together: give both, or neither");
        }
        if (protocolList(protocols).isEmpty()) {
            throw new IllegalArgumentException("tls-protocols must name at least one TLS version");
        }
    }

    /**
     * Whether the server port speaks TLS.
     *
     * @return true when server key material is configured
     */
    public boolean serverEnabled() {
        return !keystore.isEmpty() || !certificate.isEmpty();
    }

    /** Reads the server's key material. @throws IllegalArgumentException naming the file and the problem */
    TlsContext serverContext() {
        if (!keystore.isEmpty()) {
            return TlsContext.serverFromPkcs12(Path.of(keystore), keystorePassword.toCharArray(), protocolList(protocols));
        }
        return TlsContext.serverFromPem(Path.of(certificate), Path.of(key), protocolList(protocols));
    }

    /**
     * Reads the client's trust store (or takes the JVM's default). For the runtime's client; its
     * type is internal.
     *
     * @return the client's TLS context
     * @throws IllegalArgumentException naming the file and the problem
     */
    public TlsContext clientContext() {
        return TlsContext.client(truststore.isEmpty() ? null : Path.of(truststore), truststorePassword.toCharArray(),
                protocolList(protocols));
    }

    private static List<String> protocolList(String protocols) {
        return Arrays.stream(protocols.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList();
    }

    /** Never the passwords. */
    @Override
    public String toString() {
        return "TlsSettings[keystore=" + keystore + ", certificate=" + certificate + ", protocols=" + protocols
                + ", truststore=" + truststore + "]";
    }
}
