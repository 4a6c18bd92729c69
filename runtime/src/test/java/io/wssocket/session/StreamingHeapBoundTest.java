package io.wssocket.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Messages far larger than the heap stream through a server and a client in a JVM of
 * {@value #HEAP}: the send stream and writer send them fragment by fragment, and the InputStream
 * and Reader handlers read them as they arrive, so nothing gathers a message (were anything to,
 * the JVM would run out of memory). Every byte and character arrives (checksums), and what was
 * sent but not yet read stays small: reading pauses while the handler is behind.
 */
@Timeout(300)
class StreamingHeapBoundTest {
    static final String HEAP = "64m";
    static final long GIB = 1L << 30;
    /** Socket buffers both ways on loopback, the stream's 64 KiB, a decoder's buffer: a few MiB, never the message. */
    static final long MAX_IN_FLIGHT = 32L << 20;

    @Test
    void aGibibyteBinaryAndAQuarterGibibyteTextMessageStreamBothWaysInASmallHeap() throws Exception {
        List<String> output = runChild(GIB, 256L << 20, false, false);
        assertResults(output, "false");
    }

    @Test
    void withPermessageDeflateAStreamedMessageIsCompressedFragmentByFragment() throws Exception {
        List<String> output = runChild(256L << 20, 64L << 20, true, true);
        assertResults(output, "true");
    }

    private static void assertResults(List<String> output, String deflate) {
        assertThat(output).as("child output").contains("DONE");
        assertThat(output).as("extensions negotiated").contains("DEFLATE " + ("true".equals(deflate) ? 1 : 0));
        List<String> results = output.stream().filter(l -> l.startsWith("RESULT ")).toList();
        assertThat(results).hasSize(4);
        for (String result : results) {
            String[] parts = result.split(" (expected|got|ms)=");
            assertThat(parts[2]).as(result).isEqualTo(parts[1]);
        }
        long inFlight = Long.parseLong(line(output, "MAX-IN-FLIGHT ").split(" ")[1]);
        assertThat(inFlight).as("most bytes (chars) sent and not yet read").isLessThan(MAX_IN_FLIGHT);
    }

    private static String line(List<String> output, String prefix) {
        return output.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
    }

    private static List<String> runChild(long binaryBytes, long textChars, boolean deflate, boolean compressible)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + HEAP, "-XX:+ExitOnOutOfMemoryError",
                "-cp", classPath.replace(File.pathSeparator + File.pathSeparator, File.pathSeparator),
                StreamingHeapChild.class.getName(), String.valueOf(binaryBytes), String.valueOf(textChars),
                String.valueOf(deflate), String.valueOf(compressible)));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String l;
            while ((l = lines.readLine()) != null) {
                output.add(l);
                if (l.startsWith("RESULT ") || l.startsWith("MAX-") || l.contains("OutOfMemory")) {
                    System.out.println("streaming child: " + l);
                }
            }
        } finally {
            if (!child.waitFor(240, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
        return output;
    }
}
