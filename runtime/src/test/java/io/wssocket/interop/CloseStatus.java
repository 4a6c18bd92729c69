package io.wssocket.interop;

/** The code and reason of a close frame as a client saw it. */
record CloseStatus(int code, String reason) {
}
