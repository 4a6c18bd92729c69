package io.wssocket.handshake;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Incremental reader of an HTTP/1.1 message head (RFC 9112 §2–§5), shared by the request and
 * the response parser: feed it bytes as they arrive, split anywhere, until {@link #read} returns
 * true. It splits the bytes into lines, hands the start line to a {@link StartLineParser} and
 * parses the field lines itself into a case-insensitive multimap. It consumes exactly the head, up
 * to and including the empty line that ends it, and leaves whatever follows in the buffer.
 *
 * <p>The {@link HandshakeLimits} are checked at the byte that crosses them, so no more than a
 * limit's worth of a line is ever held: {@code maxRequestLineLength} bounds the start line,
 * {@code maxHeaderCount} and {@code maxHeaderBytes} the field lines. Failures are made by a
 * {@link Failures} strategy, so that each side throws its own exception type with its own words.
 * One line buffer, reused; not thread-safe; one instance per message.
 *
 * @param <E> what a malformed or oversized head is reported as
 */
final class HttpHeadReader<E extends Exception> {
    private static final byte CR = '\r';
    private static final byte LF = '\n';

    /** Parses the start line; the owner keeps what it read from it. */
    @FunctionalInterface
    interface StartLineParser<E extends Exception> {
        /**
         * @param line the line without its ending; valid only during the call
         * @return true when this was the start line; false to ignore the line (an empty line
         *     before a request-line, RFC 9112 §2.2) and take the next one as the start line
         * @throws E when the line is not a valid start line
         */
        boolean parse(HeadLine line) throws E;
    }

    /** The {@link HandshakeLimits} the reader enforces. */
    enum Limit {
        /** {@link HandshakeLimits#maxRequestLineLength()}: bytes of the start line, its ending not counted. */
        START_LINE_LENGTH,
        /** {@link HandshakeLimits#maxHeaderCount()}: field lines. */
        FIELD_COUNT,
        /** {@link HandshakeLimits#maxHeaderBytes()}: bytes of the field lines, their endings included. */
        FIELD_BYTES
    }

    /** Makes the exception for each way a head can fail; the reader throws what it returns. */
    interface Failures<E extends Exception> {
        /** The head crossed {@code limit}, whose value is {@code max}. */
        E limitCrossed(Limit limit, int max);

        /** A field line is malformed; {@code description} says how and cites the rule. */
        E malformedField(String description);
    }

    /** What to do with obs-fold, a field line continued on a line starting with SP or HTAB. */
    enum ObsFold {
        /** RFC 9112 §5.2: a server must reject a request holding one (400). */
        REJECT,
        /**
         * RFC 9112 §5.2: a user agent may replace each obs-fold in a response with SP. The fold
         * and the whitespace around it become one SP; a folded line is part of its field, so it
         * counts towards {@code maxHeaderBytes} but not {@code maxHeaderCount}.
         */
        REPLACE_WITH_SP
    }

    private enum State { START_LINE, FIELDS, DONE }

    private final HandshakeLimits limits;
    private final ObsFold obsFold;
    private final StartLineParser<E> startLine;
    private final Failures<E> failures;
    private final HeadLine line = new HeadLine();
    private final Map<String, List<String>> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    private State state = State.START_LINE;
    private int fieldCount;
    private int fieldBytes;
    private String lastFieldName;
    private E failure;

    HttpHeadReader(HandshakeLimits limits, ObsFold obsFold, StartLineParser<E> startLine, Failures<E> failures) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.obsFold = Objects.requireNonNull(obsFold, "obsFold");
        this.startLine = Objects.requireNonNull(startLine, "startLine");
        this.failures = Objects.requireNonNull(failures, "failures");
    }

    /**
     * Consumes bytes of the head from {@code in}.
     *
     * @return true when the head is complete (bytes after it are left in {@code in}, and later
     *     calls consume nothing); false when all of {@code in} was consumed and more is needed
     * @throws E when the head is malformed or crosses a limit; every later call throws the same
     */
    boolean read(ByteBuffer in) throws E {
        if (failure != null) {
            throw failure;
        }
        try {
            while (state != State.DONE && in.hasRemaining()) {
                byte b = in.get();
                if (b == LF) {
                    endOfLine();
                } else {
                    append(b);
                }
            }
            return state == State.DONE;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            // Kept, so that every later call throws this same failure.
            failure = asFailure(e);
            throw e;
        }
    }

    /**
     * The header fields read so far, by case-insensitive name, values in arrival order: a
     * read-only view whose value lists are immutable, so a complete head's request keeps it
     * without a copy (the reader reads no more once the head is complete).
     */
    Map<String, List<String>> fields() {
        return Collections.unmodifiableMap(fields);
    }

    /** {@link #read}'s try block throws no checked exception but E, so only an E is passed here. */
    @SuppressWarnings("unchecked")
    private E asFailure(Exception e) {
        return (E) e;
    }

    private void append(byte b) throws E {
        int newLength = line.length() + 1;
        if (state == State.START_LINE) {
            // One byte of slack for the CR of the line ending.
            int max = limits.maxRequestLineLength();
            if (newLength > max + 1 || (newLength == max + 1 && b != CR)) {
                throw failures.limitCrossed(Limit.START_LINE_LENGTH, max);
            }
        } else if (line.length() > 0 || b != CR) {
            // (A lone CR at the start of a line may be the empty line that ends the head: not counted.)
            if (line.length() == 0 && !continuesField(b) && fieldCount == limits.maxHeaderCount()) {
                throw failures.limitCrossed(Limit.FIELD_COUNT, limits.maxHeaderCount());
            }
            if (fieldBytes + newLength > limits.maxHeaderBytes()) {
                throw failures.limitCrossed(Limit.FIELD_BYTES, limits.maxHeaderBytes());
            }
        }
        line.append(b);
    }

    /** Whether a line starting with {@code first} continues the previous field rather than adding one. */
    private boolean continuesField(byte first) {
        return obsFold == ObsFold.REPLACE_WITH_SP && HttpSyntax.isOws(first);
    }

    /** Handles a complete line (its LF was read). */
    private void endOfLine() throws E {
        line.end();
        if (state == State.START_LINE) {
            if (startLine.parse(line)) {
                state = State.FIELDS;
            }
        } else if (line.length() == 0) {
            state = State.DONE;
        } else {
            fieldLine();
        }
        line.clear();
    }

    private void fieldLine() throws E {
        fieldBytes += line.wireLength();
        if (fieldBytes > limits.maxHeaderBytes()) {
            throw failures.limitCrossed(Limit.FIELD_BYTES, limits.maxHeaderBytes());
        }
        if (continuesField(line.at(0))) {
            unfold();
            return;
        }
        if (++fieldCount > limits.maxHeaderCount()) {
            throw failures.limitCrossed(Limit.FIELD_COUNT, limits.maxHeaderCount());
        }
        field();
    }

    /** RFC 9112 §5: field-line = field-name ":" OWS field-value OWS. */
    private void field() throws E {
        int length = line.length();
        if (HttpSyntax.isOws(line.at(0))) {
            // RFC 9112 §5.2: obs-fold outside message/http must be rejected or replaced.
            throw failures.malformedField(
                    "Obsolete header line folding (a line starting with whitespace) is not allowed (RFC 9112 §5.2)");
        }
        int colon = line.indexOf(':', 0, length);
        if (colon < 0) {
            throw failures.malformedField("Malformed header line: no ':' after the field name");
        }
        if (colon == 0) {
            throw failures.malformedField("Malformed header line: empty field name");
        }
        for (int i = 0; i < colon; i++) {
            byte b = line.at(i);
            if (HttpSyntax.isOws(b)) {
                // RFC 9112 §5.1: no whitespace between field name and colon; must be rejected with 400.
                throw failures.malformedField(
                        "Whitespace between a header field name and ':' is not allowed (RFC 9112 §5.1)");
            }
            if (!HttpSyntax.isTokenChar(b)) {
                throw failures.malformedField("Malformed header line: the field name must be a token (RFC 9110 §5.1)");
            }
        }
        String name = line.ascii(0, colon);
        String value = value(name, colon + 1, length);
        // Immutable lists from the start: most names come once, and List.of(value) is all they cost.
        fields.merge(name, List.of(value), HttpHeadReader::followedBy);
        lastFieldName = name;
    }

    /** A repeated field's values: those before, then the new one (at most max-header-count of them). */
    private static List<String> followedBy(List<String> before, List<String> next) {
        List<String> all = new ArrayList<>(before.size() + next.size());
        all.addAll(before);
        all.addAll(next);
        return List.copyOf(all);
    }

    /** RFC 9112 §5.2: the obs-fold before this line, and the whitespace around it, become one SP. */
    private void unfold() throws E {
        if (lastFieldName == null) {
            // RFC 9112 §2.2: whitespace between the start-line and the first field line is invalid.
            throw failures.malformedField(
                    "A line starting with whitespace before the first header field is not allowed (RFC 9112 §2.2)");
        }
        String continuation = value(lastFieldName, 0, line.length());
        List<String> values = new ArrayList<>(fields.get(lastFieldName));
        int last = values.size() - 1;
        String previous = values.get(last);
        values.set(last, previous.isEmpty() ? continuation
                : continuation.isEmpty() ? previous : previous + ' ' + continuation);
        fields.put(lastFieldName, List.copyOf(values));
    }

    /** The field value in {@code [start, end)} of the line without OWS; control characters refused. */
    private String value(String name, int start, int end) throws E {
        while (start < end && HttpSyntax.isOws(line.at(start))) {
            start++;
        }
        while (end > start && HttpSyntax.isOws(line.at(end - 1))) {
            end--;
        }
        if (line.indexOfControl(start, end) >= 0) {
            throw failures.malformedField(
                    "The value of header " + name + " contains a control character (RFC 9110 §5.5)");
        }
        return line.latin1(start, end);
    }
}
