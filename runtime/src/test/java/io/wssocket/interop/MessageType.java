package io.wssocket.interop;

/** The two kinds of data message of RFC 6455 §5.6. */
enum MessageType {
    TEXT, BINARY
}
