package io.wssocket.wire;

import io.wssocket.wire.MessageRecorder.Binary;
import io.wssocket.wire.MessageRecorder.Close;
import io.wssocket.wire.MessageRecorder.Event;
import io.wssocket.wire.MessageRecorder.Failure;
import io.wssocket.wire.MessageRecorder.Ping;
import io.wssocket.wire.MessageRecorder.Pong;
import io.wssocket.wire.MessageRecorder.ReaderConfig;
import io.wssocket.wire.MessageRecorder.Text;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The reference model of {@link WebSocketReader} (parser included) that the split properties and
 * the fuzz tests compare it with: the whole input at once, read frame by frame from a byte array
 * with none of the reader's incremental state, giving the events a {@link MessageRecorder} records.
 */
public final class ReferenceFrameReader {
    private static final Set<Integer> DEFINED_OPCODES = Set.of(0, 1, 2, 8, 9, 10);

    /**
     * Reads the whole input at once, frame by frame, the obvious way: the first rule broken wins
     * (header, then message order and size, then payload), and the rest is not read.
     */
    public static List<Event> read(ReaderConfig config, byte[] b) {
        List<Event> events = new ArrayList<>();
        ByteArrayOutputStream message = null;
        boolean messageIsText = false;
        int i = 0;
        while (b.length - i >= 2) {
            boolean fin = (b[i] & 0x80) != 0;
            int rsv = (b[i] & 0x70) >> 4;
            int opcode = b[i] & 0x0F;
            boolean masked = (b[i + 1] & 0x80) != 0;
            int len7 = b[i + 1] & 0x7F;
            boolean control = opcode >= 8;
            if ((rsv & ~config.allowedRsv()) != 0 || !DEFINED_OPCODES.contains(opcode)
                    || (control && (!fin || len7 > 125)) || masked != config.serverSide()) {
                return failed(events, 1002);
            }
            int extended = len7 == 126 ? 2 : len7 == 127 ? 8 : 0;
            int payloadStart = i + 2 + extended + (masked ? 4 : 0);
            if (payloadStart > b.length) {
                break;
            }
            BigInteger length = extended == 0 ? BigInteger.valueOf(len7)
                    : new BigInteger(1, Arrays.copyOfRange(b, i + 2, i + 2 + extended));
            if (length.bitLength() > 63) {
                return failed(events, 1002);
            }
            if (length.compareTo(BigInteger.valueOf(config.maxFramePayload())) > 0) {
                return failed(events, 1009);
            }
            long len = length.longValue();
            if (!control) {
                if (opcode == 0 && message == null) {
                    return failed(events, 1002);
                }
                if (opcode != 0 && message != null) {
                    return failed(events, 1002);
                }
                if (opcode != 0) {
                    message = new ByteArrayOutputStream();
                    messageIsText = opcode == 1;
                }
                if (message.size() + len > config.maxMessageSize()) {
                    return failed(events, 1009);
                }
            }
            int available = (int) Math.min(len, b.length - payloadStart);
            byte[] payload = Arrays.copyOfRange(b, payloadStart, payloadStart + available);
            if (masked) {
                for (int k = 0; k < payload.length; k++) {
                    payload[k] ^= b[payloadStart - 4 + k % 4];
                }
            }
            boolean complete = available == len;
            if (control) {
                if (!complete) {
                    break;
                }
                if (opcode == 9) {
                    events.add(Ping.of(payload));
                } else if (opcode == 10) {
                    events.add(Pong.of(payload));
                } else {
                    return closed(events, payload);
                }
            } else {
                message.writeBytes(payload);
                if (messageIsText && !Utf8Reference.canBeCompleted(message.toByteArray())) {
                    return failed(events, 1007);
                }
                if (!complete) {
                    break;
                }
                if (fin) {
                    byte[] whole = message.toByteArray();
                    if (messageIsText && !Utf8Reference.jdkAccepts(whole)) {
                        return failed(events, 1007);
                    }
                    events.add(messageIsText ? new Text(new String(whole, StandardCharsets.UTF_8)) : Binary.of(whole));
                    message = null;
                }
            }
            i = payloadStart + available;
        }
        return events;
    }

    private static List<Event> closed(List<Event> events, byte[] payload) {
        if (payload.length == 0) {
            events.add(new Close(1005, ""));
            return events;
        }
        if (payload.length == 1) {
            return failed(events, 1002);
        }
        int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        boolean sendable = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
        if (!sendable) {
            return failed(events, 1002);
        }
        byte[] reason = Arrays.copyOfRange(payload, 2, payload.length);
        if (!Utf8Reference.jdkAccepts(reason)) {
            return failed(events, 1007);
        }
        events.add(new Close(code, new String(reason, StandardCharsets.UTF_8)));
        return events;
    }

    private static List<Event> failed(List<Event> events, int code) {
        events.add(new Failure(code));
        return events;
    }

    private ReferenceFrameReader() {
    }
}
