package io.wssocket.interop;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the external programs that some interop peers run; the interop matrix names their versions. */
public final class Executables {
    private Executables() {
    }

    /**
     * The program named by the system property {@code property} (say {@code wssocket.chromium}),
     * else by the environment variable of that name in capitals with underscores
     * ({@code WSSOCKET_CHROMIUM}), else the first executable {@code program} on the {@code PATH}.
     */
    public static Optional<Path> find(String program, String property) {
        String variable = property.toUpperCase(Locale.ROOT).replace('.', '_');
        String named = System.getProperty(property, System.getenv(variable));
        if (named != null && !named.isBlank()) {
            if (!Files.isExecutable(Path.of(named))) {
                throw new IllegalStateException(property + " (or " + variable + ") names " + named + ", which is not an executable");
            }
            return Optional.of(Path.of(named));
        }
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator))
                .filter(directory -> !directory.isEmpty())
                .map(directory -> Path.of(directory, program))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
