package io.wssocket.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A home directory whose NSS database trusts one certificate, for a browser process. Chromium on
 * Linux verifies a server's certificate against its root store and against what its user marked
 * trusted in the shared NSS database, {@code $HOME/.pki/nssdb}; this builds that database with
 * NSS's {@code certutil} (Debian package libnss3-tools) in a temporary directory, so that the
 * browser verifies the test server as it would any site, rather than being told to skip the
 * check ({@code --ignore-certificate-errors}, Playwright's {@code ignoreHTTPSErrors}).
 */
final class NssTrust {
    private static final Duration CERTUTIL_TIMEOUT = Duration.ofSeconds(30);

    private NssTrust() {
    }

    /** A new temporary home trusting {@code certificatePem}, a self-signed server certificate; the caller removes it. */
    static TemporaryDirectory homeTrusting(Path certificatePem) throws IOException, InterruptedException {
        Path certutil = Executables.find("certutil", "wssocket.certutil").orElseThrow(() -> new IllegalStateException(
                "NSS's certutil is not on the PATH: install it (Debian: apt-get install libnss3-tools), "
                        + "or name its executable with -Dwssocket.certutil=..."));
        TemporaryDirectory home = TemporaryDirectory.create("browser-home");
        boolean made = false;
        try {
            String database = "sql:" + Files.createDirectories(home.path().resolve(".pki").resolve("nssdb"));
            certutil(certutil, "-N", "-d", database, "--empty-password");
            // Trust flags "C,,": a trusted issuer of server certificates (the first, SSL, column), nothing
            // for mail or code signing. A self-signed certificate is its own issuer, so it anchors its own path.
            certutil(certutil, "-A", "-d", database, "-t", "C,,", "-n", "wssocket-test", "-i", certificatePem.toString());
            made = true;
            return home;
        } finally {
            if (!made) {
                home.close();
            }
        }
    }

    private static void certutil(Path certutil, String... arguments) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(certutil.toString());
        builder.command().addAll(List.of(arguments));
        ExternalCommand.run(builder, CERTUTIL_TIMEOUT, "certutil " + String.join(" ", arguments) + " failed");
    }
}
