package io.wssocket.bench.jmh;

import io.wssocket.handshake.AcceptKey;
import io.wssocket.handshake.HandshakeLimits;
import io.wssocket.handshake.HttpRequestParser;
import io.wssocket.handshake.HttpResponseWriter;
import io.wssocket.handshake.HttpStatusException;
import io.wssocket.handshake.UpgradeRequest;
import io.wssocket.handshake.UpgradeRequestValidator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The server's handshake codec for one browser's upgrade request (13 header fields): the head
 * parsed by a new {@link HttpRequestParser} (one per connection, as the server makes them),
 * validated as a WebSocket upgrade, its accept key computed and the 101 response written. Time
 * per handshake; with {@code -prof gc}, the bytes each leaves behind ({@code gc.alloc.rate.norm}),
 * which is what the RSS of idle connections follows while eden is first being touched. Not in the
 * ceiling table: it handles no payload.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class HandshakeBenchmark {
    /** What Chromium sends to open a WebSocket, with the same header fields. */
    static final String BROWSER_REQUEST = "GET /echo HTTP/1.1\r\n"
            + "Host: 127.0.0.1:8080\r\n"
            + "Connection: Upgrade\r\n"
            + "Pragma: no-cache\r\n"
            + "Cache-Control: no-cache\r\n"
            + "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36\r\n"
            + "Upgrade: websocket\r\n"
            + "Origin: http://127.0.0.1:8080\r\n"
            + "Sec-WebSocket-Version: 13\r\n"
            + "Accept-Encoding: gzip, deflate, br\r\n"
            + "Accept-Language: en-US,en;q=0.9\r\n"
            + "Cookie: session=4f1c2a9e7b3d\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
            + "\r\n";

    /** The server's default limits (max-request-line, max-header-count, max-header-bytes). */
    private final HandshakeLimits limits = new HandshakeLimits(8192, 100, 16384);
    private final byte[] request = BROWSER_REQUEST.getBytes(StandardCharsets.ISO_8859_1);

    /** The 101 response for the request. */
    @Benchmark
    public ByteBuffer upgrade() throws HttpStatusException {
        HttpRequestParser parser = new HttpRequestParser(limits);
        if (!parser.parse(ByteBuffer.wrap(request))) {
            throw new IllegalStateException("the request head is incomplete");
        }
        UpgradeRequest upgrade = UpgradeRequestValidator.validate(parser.request());
        return HttpResponseWriter.switchingProtocols(AcceptKey.of(upgrade.key()), null, null, Map.of());
    }
}
