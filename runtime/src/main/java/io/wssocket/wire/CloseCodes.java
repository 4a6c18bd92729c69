package io.wssocket.wire;

/** Close status codes of RFC 6455 §7.4 and the IANA registry. */
public final class CloseCodes {
    public static final int NORMAL = 1000;
    public static final int GOING_AWAY = 1001;
    public static final int PROTOCOL_ERROR = 1002;
    public static final int UNSUPPORTED_DATA = 1003;
    /** Never sent on the wire: stands for "the close frame had no status code". */
    public static final int NO_STATUS = 1005;
    /** Never sent on the wire: stands for "the connection ended without a close frame". */
    public static final int ABNORMAL = 1006;
    public static final int INVALID_PAYLOAD = 1007;
    public static final int POLICY_VIOLATION = 1008;
    public static final int MESSAGE_TOO_BIG = 1009;
    public static final int MANDATORY_EXTENSION = 1010;
    public static final int INTERNAL_ERROR = 1011;
    public static final int SERVICE_RESTART = 1012;
    public static final int TRY_AGAIN_LATER = 1013;
    public static final int BAD_GATEWAY = 1014;
    /** Never sent on the wire: stands for "the TLS handshake failed". */
    public static final int TLS_HANDSHAKE = 1015;

    private CloseCodes() {
    }

    /**
     * Whether a code may appear in a close frame. RFC 6455 §7.4.1/§7.4.2: 0-999 are unused,
     * 1004-1006 and 1015 are reserved, 1016-2999 belong to future revisions, 3000-4999 are for
     * libraries and applications; 1012-1014 are registered with IANA.
     */
    public static boolean isValidOnWire(int code) {
        return (code >= NORMAL && code <= UNSUPPORTED_DATA)
                || (code >= INVALID_PAYLOAD && code <= BAD_GATEWAY)
                || (code >= 3000 && code <= 4999);
    }
}
