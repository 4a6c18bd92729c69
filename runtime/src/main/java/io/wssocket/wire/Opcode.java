package io.wssocket.wire;

/** Frame opcodes of RFC 6455 §5.2 and the rules that depend only on the opcode. */
public final class Opcode {
    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    private Opcode() {
    }

    /** RFC 6455 §5.5: control frames have the most significant opcode bit set. */
    public static boolean isControl(int opcode) {
        return (opcode & 0x8) != 0;
    }

    /** RFC 6455 §5.2: 0x3-0x7 and 0xB-0xF are reserved. */
    public static boolean isDefined(int opcode) {
        return opcode <= BINARY || (opcode >= CLOSE && opcode <= PONG);
    }

    public static String name(int opcode) {
        switch (opcode) {
            case CONTINUATION: return "continuation";
            case TEXT: return "text";
            case BINARY: return "binary";
            case CLOSE: return "close";
            case PING: return "ping";
            case PONG: return "pong";
            default: return "reserved(0x" + Integer.toHexString(opcode) + ")";
        }
    }
}
