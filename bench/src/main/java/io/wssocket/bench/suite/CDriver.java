package io.wssocket.bench.suite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The C echo driver, {@code bench/driver-c/wsload.c}: the second, independent implementation that
 * checks the Java driver's figures. The runner compiles it with the system's {@code cc} into
 * {@code bench/target/wsload} and runs it in place of a driver JVM, pinned the same way.
 */
public final class CDriver {

    /** What a {@link RunConfig}'s driver main is for a run of this driver rather than a Java class. */
    public static final String NAME = "wsload";

    /** The source, from the repository's root. */
    public static final String SOURCE = "bench/driver-c/wsload.c";

    /** The executable the runner builds, from the repository's root. */
    public static final String EXECUTABLE = "bench/target/wsload";

    private static final long COMPILE_TIMEOUT_S = 120;

    private CDriver() {
    }

    /** The compiler's command line: C11, warnings as errors, so that a sloppy change does not build. */
    static List<String> compileCommand(Path source, Path executable) {
        return List.of("cc", "-O2", "-std=c11", "-Wall", "-Wextra", "-Werror", "-o", executable.toString(), source.toString());
    }

    /**
     * Compiles {@code source} into {@code executable} with {@code cc}.
     *
     * @param source the C file
     * @param executable where the driver goes (its directory is created)
     * @return {@code executable}
     * @throws IOException saying why not: no {@code cc} on the PATH, or the compiler's messages
     * @throws InterruptedException if interrupted while compiling
     */
    public static Path build(Path source, Path executable) throws IOException, InterruptedException {
        Files.createDirectories(executable.toAbsolutePath().getParent());
        Process cc;
        try {
            cc = new ProcessBuilder(compileCommand(source, executable)).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("no C compiler: 'cc' is not on the PATH (the C driver " + SOURCE
                    + " needs one, e.g. gcc or clang)", e);
        }
        String output = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!cc.waitFor(COMPILE_TIMEOUT_S, TimeUnit.SECONDS)) {
            cc.destroyForcibly();
            throw new IOException("cc did not finish compiling " + source.getFileName() + " within " + COMPILE_TIMEOUT_S + " s");
        }
        if (cc.exitValue() != 0) {
            throw new IOException("cc could not compile " + source.getFileName() + " (exit " + cc.exitValue() + "): "
                    + output.lines().limit(5).reduce((a, b) -> a + " / " + b).orElse(""));
        }
        return executable;
    }
}
