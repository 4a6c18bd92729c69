package io.wssocket.boot;

import static org.assertj.core.api.Assertions.assertThat;

import example.cdi.jar.CountingEndpoint;
import io.wssocket.test.JdkClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone main with the glue on its class path (as in wssocket-cdi.jar) starts CDI for the
 * jar it deploys. Runs {@link Main#start} in this JVM, the same code {@code java -jar} runs.
 */
@Timeout(60)
class CdiMainTest {
    @TempDir
    Path tmp;

    @Test
    void theMainDeploysAJarWithCdi() throws Exception {
        Path jar = io.wssocket.cdi.PackageJar.of(CountingEndpoint.class, tmp.resolve("count.jar"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Main.Started started = Main.start(new String[] {"--host", "127.0.0.1", "--port", "0", jar.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(started.status).as(err.toString(StandardCharsets.UTF_8)).isZero();
            Matcher listening = Pattern.compile("(ws://\\S+:\\d+)/count").matcher(out.toString(StandardCharsets.UTF_8));
            assertThat(listening.find()).as(out.toString(StandardCharsets.UTF_8)).isTrue();
            URI uri = URI.create(listening.group(0).replace("localhost", "127.0.0.1"));
            try (JdkClient client = JdkClient.connect(uri)) {
                assertThat(client.ask("name main")).isEqualTo("main 1 of 1 app:count.jar");
            }
        } finally {
            started.stop();
        }
    }
}
