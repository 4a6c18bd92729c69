package io.wssocket.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Node.js project of the tests: {@code src/test/node} as the build copies it to
 * {@code target/node} (see {@link NodeDriverExtension}); finds {@code node}, and installs the locked
 * packages with {@code npm ci} when {@code node_modules} lacks them (a run from an IDE), so a fresh
 * checkout needs nothing but Node.js and npm. System properties {@code wssocket.node},
 * {@code wssocket.npm} and {@code wssocket.nodeDir} override the executables and the directory.
 */
final class NodeProject {
    static final Path DIRECTORY = Path.of(System.getProperty(NodeDriverExtension.DIRECTORY_PROPERTY, "target/node"));
    private static final String NODE = System.getProperty("wssocket.node", "node");
    private static final String NPM = System.getProperty("wssocket.npm", "npm");
    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final String HOW_TO_INSTALL = "Install Node.js 20 or newer with npm (Debian: apt-get install nodejs npm),"
            + " or name the executables with -Dwssocket.node=... and -Dwssocket.npm=...";

    private NodeProject() {
    }

    /** A process builder for {@code node} with these arguments, run in the project directory. */
    static ProcessBuilder node(String... arguments) {
        List<String> command = new ArrayList<>(List.of(NODE));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).directory(DIRECTORY.toFile());
    }

    /** Fails with how to install Node.js if it does not run; runs {@code npm ci} if {@code package} is not installed. */
    static void requirePackage(String packageName) throws IOException, InterruptedException {
        ExternalCommand.run(node("--version"), VERSION_TIMEOUT,
                "Node.js is needed to run this peer but `" + NODE + " --version` failed. " + HOW_TO_INSTALL);
        if (!Files.isRegularFile(DIRECTORY.resolve("node_modules").resolve(packageName).resolve("package.json"))) {
            ExternalCommand.run(new ProcessBuilder(NPM, "ci", "--no-audit", "--no-fund").directory(DIRECTORY.toFile()),
                    INSTALL_TIMEOUT, "`" + NPM + " ci` in " + DIRECTORY.toAbsolutePath() + " failed to install " + packageName + ". "
                            + HOW_TO_INSTALL);
        }
    }
}
