package io.wssocket.interop;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A driver script of {@code src/test/node} running under Node.js for the tests of one class:
 * <pre>{@code
 * @RegisterExtension
 * static final NodeDriverExtension driver = NodeDriverExtension.script("ws-driver.mjs", context -> Map.of());
 * }</pre>
 * The build copies that folder to {@code target/node} and runs {@code npm ci} there (phase
 * generate-test-resources); the surefire property {@value #DIRECTORY_PROPERTY} says where. When
 * Node.js or the packages are missing, every test of the class fails saying what to install:
 * a missing tool must not look like a pass.
 */
final class NodeDriverExtension implements BeforeAllCallback, AfterAllCallback {
    static final String DIRECTORY_PROPERTY = "wssocket.nodeDir";
    /** Time for Node.js to load the script and, for a browser driver, the browser to start. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final String script;
    private final Environment environment;
    private JsonLineDriver driver;

    /** The variables a script needs, worked out for the class whose tests are about to run. */
    @FunctionalInterface
    interface Environment {
        Map<String, String> of(ExtensionContext classContext) throws Exception;
    }

    private NodeDriverExtension(String script, Environment environment) {
        this.script = script;
        this.environment = environment;
    }

    /**
     * @param environment variables the script needs, worked out when the class starts (so a
     *     missing program fails the class's tests, not the loading of the class)
     */
    static NodeDriverExtension script(String script, Environment environment) {
        return new NodeDriverExtension(script, environment);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Path node = Executables.find("node", "wssocket.node").orElseThrow(() -> new IllegalStateException(
                "Node.js is not on the PATH: install Node.js 20 or newer (Debian: apt-get install nodejs npm), "
                        + "or name its executable with -Dwssocket.node=..."));
        Path directory = Path.of(System.getProperty(DIRECTORY_PROPERTY, "target/node")).toAbsolutePath();
        if (!Files.isDirectory(directory.resolve("node_modules"))) {
            throw new IllegalStateException("no node_modules in " + directory + ": run the build's generate-test-resources "
                    + "phase (mvn -pl runtime generate-test-resources), which copies src/test/node there and runs npm ci");
        }
        driver = JsonLineDriver.start(script, List.of(node.toString(), script), directory, environment.of(context), START_TIMEOUT);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (driver != null) {
            driver.close();
        }
    }

    DriverPeer connect(URI uri, List<String> subprotocols) throws Exception {
        return DriverPeer.connect(driver, uri, subprotocols, false);
    }

    /** A connection that offers permessage-deflate (RFC 7692), as the driver's library lets an application ask. */
    DriverPeer connectOfferingDeflate(URI uri) throws Exception {
        return DriverPeer.connect(driver, uri, List.of(), true);
    }
}
