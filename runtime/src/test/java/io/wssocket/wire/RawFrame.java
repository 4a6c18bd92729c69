package io.wssocket.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A frame built by hand, byte by byte. Independent of {@link FrameWriter}, so a bug there cannot
 * hide one in the parser, and able to build the frames a conforming writer never would: reserved
 * bits and opcodes, wrong masking, non-minimal or lying length fields.
 *
 * @param maskKey null for an unmasked frame
 * @param declaredLength the length written in the header; normally the payload's length
 */
public record RawFrame(boolean fin, int rsv, int opcode, Integer maskKey, byte[] payload, LengthForm form,
        long declaredLength) {

    /** How the payload length is written (RFC 6455 §5.2). */
    public enum LengthForm {
        /** The shortest of the three forms, as a sender must use. */
        MINIMAL,
        /** 7-bit length; the declared length is written as is, so 126 and 127 are possible. */
        SEVEN,
        /** 126 then a 16-bit length. */
        SIXTEEN,
        /** 127 then a 64-bit length, written as is (the high bit too). */
        SIXTY_FOUR
    }

    public static RawFrame of(int opcode, byte[] payload) {
        return new RawFrame(true, 0, opcode, null, payload, LengthForm.MINIMAL, payload.length);
    }

    public static RawFrame text(String text) {
        return of(Opcode.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    public static RawFrame binary(byte[] payload) {
        return of(Opcode.BINARY, payload);
    }

    public static RawFrame continuation(byte[] payload) {
        return of(Opcode.CONTINUATION, payload);
    }

    public static RawFrame ping(byte[] payload) {
        return of(Opcode.PING, payload);
    }

    public static RawFrame close(int code, String reason) {
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[2 + r.length];
        body[0] = (byte) (code >> 8);
        body[1] = (byte) code;
        System.arraycopy(r, 0, body, 2, r.length);
        return of(Opcode.CLOSE, body);
    }

    public RawFrame fin(boolean newFin) {
        return new RawFrame(newFin, rsv, opcode, maskKey, payload, form, declaredLength);
    }

    public RawFrame rsv(int newRsv) {
        return new RawFrame(fin, newRsv, opcode, maskKey, payload, form, declaredLength);
    }

    public RawFrame opcode(int newOpcode) {
        return new RawFrame(fin, rsv, newOpcode, maskKey, payload, form, declaredLength);
    }

    public RawFrame masked(int key) {
        return new RawFrame(fin, rsv, opcode, key, payload, form, declaredLength);
    }

    public RawFrame unmasked() {
        return new RawFrame(fin, rsv, opcode, null, payload, form, declaredLength);
    }

    /** Masked with {@code key} when {@code mask} is true, else unmasked. */
    public RawFrame maskedIf(boolean mask, int key) {
        return mask ? masked(key) : unmasked();
    }

    public RawFrame form(LengthForm newForm) {
        return new RawFrame(fin, rsv, opcode, maskKey, payload, newForm, declaredLength);
    }

    /** A header that announces {@code length} bytes whatever the payload actually holds. */
    public RawFrame declaredLength(long length) {
        return new RawFrame(fin, rsv, opcode, maskKey, payload, form, length);
    }

    public boolean isMasked() {
        return maskKey != null;
    }

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(14 + payload.length);
        out.write((fin ? 0x80 : 0) | (rsv << 4) | opcode);
        int maskBit = isMasked() ? 0x80 : 0;
        LengthForm f = form;
        if (f == LengthForm.MINIMAL) {
            f = declaredLength <= 125 ? LengthForm.SEVEN : declaredLength <= 0xFFFF ? LengthForm.SIXTEEN : LengthForm.SIXTY_FOUR;
        }
        switch (f) {
            case SEVEN:
                out.write(maskBit | (int) declaredLength);
                break;
            case SIXTEEN:
                out.write(maskBit | 126);
                writeBigEndian(out, declaredLength, 2);
                break;
            default:
                out.write(maskBit | 127);
                writeBigEndian(out, declaredLength, 8);
                break;
        }
        if (isMasked()) {
            writeBigEndian(out, maskKey, 4);
            for (int i = 0; i < payload.length; i++) {
                out.write(payload[i] ^ (maskKey >>> (24 - 8 * (i % 4))));
            }
        } else {
            out.writeBytes(payload);
        }
        return out.toByteArray();
    }

    public static byte[] concat(List<RawFrame> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frames.forEach(f -> out.writeBytes(f.bytes()));
        return out.toByteArray();
    }

    public static byte[] concat(RawFrame... frames) {
        return concat(List.of(frames));
    }

    private static void writeBigEndian(ByteArrayOutputStream out, long value, int bytes) {
        for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift));
        }
    }

    @Override
    public String toString() {
        return Opcode.name(opcode) + (fin ? "" : " fin=0") + (rsv != 0 ? " rsv=" + rsv : "")
                + (isMasked() ? " masked" : "") + (form != LengthForm.MINIMAL ? " " + form : "")
                + (declaredLength != payload.length ? " declared=" + declaredLength : "")
                + " [" + payload.length + "]" + (payload.length <= 16 ? " " + java.util.HexFormat.of().formatHex(payload) : "");
    }
}
