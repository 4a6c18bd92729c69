package io.wssocket.wire;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;

/** Compressed messages made with the JDK's zlib directly, as an RFC 7692 peer would send them. */
final class DeflateTestData {
    private DeflateTestData() {
    }

    /**
     * The raw DEFLATE data of {@code data} as RFC 7692 §7.2.1 describes it: a sync flush with its
     * trailing {@code 00 00 ff ff} removed, or (with {@code finalBlock}) a stream ended by a final
     * block (BFINAL), which a peer may send instead (the appended tail then follows the end).
     */
    static byte[] compress(byte[] data, boolean finalBlock) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            d.setInput(data);
            if (finalBlock) {
                d.finish();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            while (true) {
                int n = d.deflate(buf, 0, buf.length, finalBlock ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH);
                out.write(buf, 0, n);
                if (finalBlock ? d.finished() : n < buf.length) {
                    break;
                }
            }
            byte[] bytes = out.toByteArray();
            return finalBlock ? bytes : withoutTail(bytes);
        } finally {
            d.end();
        }
    }

    static byte[] withoutTail(byte[] bytes) {
        int n = bytes.length;
        if (n < 4 || bytes[n - 4] != 0 || bytes[n - 3] != 0 || bytes[n - 2] != (byte) 0xFF || bytes[n - 1] != (byte) 0xFF) {
            throw new AssertionError("no sync-flush tail");
        }
        return Arrays.copyOf(bytes, n - 4);
    }

    /** {@code zeros} zero bytes compressed at the best ratio: a bomb of about 1/1000 of its inflated size. */
    static byte[] zeros(long zeros) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            byte[] block = new byte[1 << 20];
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[1 << 16];
            for (long left = zeros; left > 0; left -= block.length) {
                d.setInput(block, 0, (int) Math.min(block.length, left));
                while (!d.needsInput()) {
                    out.write(buf, 0, d.deflate(buf));
                }
            }
            int n;
            do {
                n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
                out.write(buf, 0, n);
            } while (n == buf.length);
            return withoutTail(out.toByteArray());
        } finally {
            d.end();
        }
    }

    /** {@code data} cut into {@code parts} pieces of about equal size (some may be empty). */
    static List<byte[]> split(byte[] data, int parts) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            out.add(Arrays.copyOfRange(data, (int) ((long) data.length * i / parts),
                    (int) ((long) data.length * (i + 1) / parts)));
        }
        return out;
    }
}
