package io.wssocket.wire;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;

/** Compressed messages made with the JDK's zlib directly, as an RFC 7692 peer would send them. */
public final class DeflateTestData {
    private DeflateTestData() {
    }

    /**
     * The raw DEFLATE data of {@code data} as RFC 7692 §7.2.1 describes it: a sync flush with its
     * trailing {@code 00 00 ff ff} removed, or (with {@code finalBlock}) a stream ended by a final
     * block (BFINAL), which a peer may send instead (the appended tail then follows the end).
     */
    public static byte[] compress(byte[] data, boolean finalBlock) {
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
            for (long left = zeros; left > 0; left -= block.length) {
                d.setInput(block, 0, (int) Math.min(block.length, left));
                drain(d, out);
            }
            syncFlush(d, out);
            return withoutTail(out.toByteArray());
        } finally {
            d.end();
        }
    }

    private static void drain(Deflater d, ByteArrayOutputStream out) {
        byte[] buf = new byte[1 << 16];
        while (!d.needsInput()) {
            out.write(buf, 0, d.deflate(buf));
        }
    }

    private static void syncFlush(Deflater d, ByteArrayOutputStream out) {
        byte[] buf = new byte[1 << 16];
        int n;
        do {
            n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
            out.write(buf, 0, n);
        } while (n == buf.length);
    }

    /**
     * {@code mebibytes} MiB of zeros compressed, made fast: once a deflater's window is all zeros,
     * each further MiB of zeros compresses to the same bytes (checked here), so the bomb is the first
     * MiB's output and then the second's repeated. About 1 KiB per MiB.
     */
    static byte[] zerosRepeated(int mebibytes) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            byte[] first = syncFlushed(d, new byte[1 << 20]);
            byte[] second = syncFlushed(d, new byte[1 << 20]);
            if (!Arrays.equals(second, syncFlushed(d, new byte[1 << 20]))) {
                throw new AssertionError("zeros no longer compress to a repeating chunk");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(first);
            for (int i = 1; i < mebibytes; i++) {
                out.writeBytes(second);
            }
            return withoutTail(out.toByteArray());
        } finally {
            d.end();
        }
    }

    private static byte[] syncFlushed(Deflater d, byte[] input) {
        d.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        drain(d, out);
        syncFlush(d, out);
        return out.toByteArray();
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
