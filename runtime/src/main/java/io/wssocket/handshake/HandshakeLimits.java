package io.wssocket.handshake;

/**
 * Size limits for an HTTP/1.1 upgrade request head. Crossing one fails the handshake with the
 * status RFC 9110 assigns to it; the parser never buffers more than a limit allows. The defaults
 * are those of the options max-request-line, max-header-count and max-header-bytes.
 *
 * @param maxRequestLineLength bytes of the request-line, without its line ending; longer → 414
 * @param maxHeaderCount header field lines; more → 431
 * @param maxHeaderBytes bytes of all header field lines, line endings included (not the empty
 *     line that ends the head); more → 431
 */
public record HandshakeLimits(int maxRequestLineLength, int maxHeaderCount, int maxHeaderBytes) {

    public HandshakeLimits {
        requirePositive("maxRequestLineLength", maxRequestLineLength);
        requirePositive("maxHeaderCount", maxHeaderCount);
        requirePositive("maxHeaderBytes", maxHeaderBytes);
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
