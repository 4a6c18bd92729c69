package io.wssocket.test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Payloads and frame sequences written briefly: {@code concat(frame1, frame2)}, {@code bytes('a', 0xC3, 0x28)}. */
public final class Bytes {
    private Bytes() {
    }

    /** The parts one after the other: frames to be sent in one write, which is one TCP segment on loopback. */
    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Bytes written as numbers, for payloads that are not (valid) text. */
    public static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
