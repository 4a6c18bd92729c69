package io.wssocket.server;

import io.wssocket.config.ConnectionOptions;
import io.wssocket.config.OptionValues;
import io.wssocket.config.ServerOptions;
import io.wssocket.transport.TlsContext;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the server's TLS key material comes from, as configured; {@link #serverContext()} reads
 * the files.
 *
 * @param keystore PKCS#12 keystore of the server, or "" for none
 * @param certificate PEM certificate chain of the server, or "" for none (then {@code key} too)
 * @param protocols the TLS versions offered
 */
record TlsSettings(String keystore, String keystorePassword, String certificate, String key, List<String> protocols) {

    /** @throws IllegalArgumentException naming the option at fault and where its value came from */
    static TlsSettings of(OptionValues values) {
        String keystore = values.get(ServerOptions.TLS_KEYSTORE);
        String certificate = values.get(ServerOptions.TLS_CERT);
        String key = values.get(ServerOptions.TLS_KEY);
        values.require(keystore.isEmpty() || certificate.isEmpty(), ServerOptions.TLS_CERT,
                "give the TLS key material either as tls-keystore or as tls-cert and tls-key, not both");
        values.require(certificate.isEmpty() == key.isEmpty(), certificate.isEmpty() ? ServerOptions.TLS_KEY
                : ServerOptions.TLS_CERT, "tls-cert and tls-key go together: give both, or neither");
        return new TlsSettings(keystore, values.get(ServerOptions.TLS_KEYSTORE_PASSWORD), certificate, key,
                ConnectionOptions.tlsProtocols(values));
    }

    /** Whether the server port speaks TLS. */
    boolean serverEnabled() {
        return !keystore.isEmpty() || !certificate.isEmpty();
    }

    /** Reads the server's key material. @throws IllegalArgumentException naming the file and the problem */
    TlsContext serverContext() {
        if (!keystore.isEmpty()) {
            return TlsContext.serverFromPkcs12(Path.of(keystore), keystorePassword.toCharArray(), protocols);
        }
        return TlsContext.serverFromPem(Path.of(certificate), Path.of(key), protocols);
    }

    /** Never the password. */
    @Override
    public String toString() {
        return "TlsSettings[keystore=" + keystore + ", certificate=" + certificate + ", protocols=" + protocols + "]";
    }
}
