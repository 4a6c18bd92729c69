package io.wssocket.protocol;

import io.wssocket.wire.Opcode;

/** The two kinds of data message of RFC 6455 §5.6, as the session sends them. */
public enum MessageKind {
    TEXT(Opcode.TEXT),
    BINARY(Opcode.BINARY);

    private final int opcode;

    MessageKind(int opcode) {
        this.opcode = opcode;
    }

    /** The opcode of the message's first frame; the frames after it are continuations. */
    int opcode() {
        return opcode;
    }

    @Override
    public String toString() {
        return Opcode.name(opcode);
    }
}
