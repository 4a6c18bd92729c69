package io.wssocket.interop.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wssocket.interop.Executables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The versions {@link MatrixPeers} names, by key: those the build pins (given from the pom's
 * properties), the npm packages that {@code package-lock.json} locks ({@code ws}), and the programs
 * the tests run from the machine ({@code node}, {@code chromium}), found as the tests find them.
 * The JDK's comes from the reports (see {@link InteropMatrix}).
 */
final class PeerVersions {
    private static final String NODE_MODULES = "node_modules/";

    private PeerVersions() {
    }

    static Map<String, String> collect(Map<String, String> pinned, Optional<Path> npmLock) {
        Map<String, String> versions = new HashMap<>(pinned);
        npmLock.ifPresent(lock -> versions.putAll(lockedPackages(lock)));
        InstalledVersion.of(System.getProperty("wssocket.node", "node")).ifPresent(version -> versions.put("node", version));
        chromium().flatMap(InstalledVersion::of).ifPresent(version -> versions.put("chromium", version));
        return versions;
    }

    private static Optional<String> chromium() {
        try {
            return Executables.find("chromium", "wssocket.chromium").map(Path::toString);
        } catch (IllegalStateException e) {
            return Optional.empty(); // a wrong -Dwssocket.chromium already failed the browser's tests
        }
    }

    /** The version of each package directly under {@code node_modules} in a lockfile of version 2 or 3. */
    static Map<String, String> lockedPackages(Path lockFile) {
        JsonNode packages;
        try {
            packages = new ObjectMapper().readTree(lockFile.toFile()).path("packages");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + lockFile, e);
        }
        Map<String, String> versions = new HashMap<>();
        for (Map.Entry<String, JsonNode> entry : packages.properties()) {
            String name = entry.getKey();
            if (name.startsWith(NODE_MODULES) && !name.substring(NODE_MODULES.length()).contains(NODE_MODULES)
                    && entry.getValue().hasNonNull("version")) {
                versions.put(name.substring(NODE_MODULES.length()), entry.getValue().get("version").asText());
            }
        }
        return versions;
    }
}
