package io.wssocket.bench;

/** Frame opcodes, RFC 6455 §5.2. */
final class Opcode {

    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    private Opcode() {
    }

    /** RFC 6455 §5.5: control frames have the high bit of the opcode set. */
    static boolean isControl(int opcode) {
        return (opcode & 0x8) != 0;
    }

    static boolean isKnown(int opcode) {
        return opcode <= BINARY || (opcode >= CLOSE && opcode <= PONG);
    }
}
