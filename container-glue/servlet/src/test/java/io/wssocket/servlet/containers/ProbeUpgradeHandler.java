package io.wssocket.servlet.containers;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An upgraded connection served the way the WebSocket bridge will serve one: both listeners set in
 * {@link #init}, every read and write only while {@code isReady()} says so, never blocking, one lock
 * around the state the callbacks share. Each callback is logged in a {@link ProbeRecord}.
 *
 * <p>Modes: {@link Mode#ECHO} writes back what it reads (and closes once the peer's input ended and
 * all is written); {@link Mode#CLOSE} writes {@code "bye\n"}, flushes, then closes the connection
 * itself; {@link Mode#SLICE} does the same writing {@code "bye\n"} as a slice of a larger array; {@link Mode#PUSH} writes {@link #PUSH_BYTES} bytes of {@link #pushed} from a thread of its
 * own, the container's write callbacks going on where that thread had to stop; {@link Mode#BARE}
 * echoes, after an upgrade for which the servlet set no status or header.
 */
public final class ProbeUpgradeHandler implements HttpUpgradeHandler {
    /** How much {@link Mode#PUSH} sends. */
    static final int PUSH_BYTES = 4 << 20;
    private static final int CHUNK = 16 * 1024;

    /** What the connection does; see the class comment. */
    enum Mode { ECHO, CLOSE, SLICE, PUSH, BARE }

    private Mode mode;
    private ProbeRecord record;
    private WebConnection connection;
    private ServletInputStream in;
    private ServletOutputStream out;

    // guarded by this
    private final byte[] buffer = new byte[CHUNK];
    private int pending;
    private boolean needsFlush;
    private boolean inputDone;
    private boolean closed;
    private int pushed;
    private boolean pusherLaunched;
    private boolean pusherStarted;
    private boolean pushFlushed;
    private int closeStep;

    /** What the container calls to create it: the servlet then {@link #attach}es mode and record. */
    public ProbeUpgradeHandler() {
    }

    /** The byte at a position of what {@link Mode#PUSH} sends. */
    static byte pushed(int position) {
        return (byte) (position * 31 + (position >>> 12));
    }

    void attach(Mode connectionMode, ProbeRecord connectionRecord) {
        mode = connectionMode;
        record = connectionRecord;
    }

    @Override
    public void init(WebConnection webConnection) {
        String call = record.enter("init");
        try {
            connection = webConnection;
            in = webConnection.getInputStream();
            out = webConnection.getOutputStream();
            in.setReadListener(new Reader());
            out.setWriteListener(new Writer());
        } catch (IOException e) {
            record.error.compareAndSet(null, e);
        } finally {
            record.leave(call);
        }
    }

    @Override
    public void destroy() {
        String call = record.enter("destroy");
        if (!record.closedByHandler.get()) {
            record.destroyedBeforeClose.set(true);
        }
        record.destroyed.set(true);
        record.leave(call);
    }

    private synchronized void pump() throws IOException {
        if (closed) {
            return;
        }
        switch (mode) {
            case ECHO, BARE -> echo();
            case CLOSE, SLICE -> sayByeAndClose();
            case PUSH -> {
                if (!pusherLaunched) {
                    // From the first onWritePossible on: until the container has made that call,
                    // Tomcat's isReady() answers false to other threads (the write interest it
                    // registered at setWriteListener is still pending).
                    pusherLaunched = true;
                    Thread pusher = new Thread(this::pushFromOwnThread, "probe-pusher");
                    pusher.setDaemon(true);
                    pusher.start();
                } else if (pusherStarted) {
                    push(false);
                }
                drainInput();
            }
        }
    }

    /** Writes back what was read; reads only once the last read is written, so the peer's pace rules. */
    private void echo() throws IOException {
        while (true) {
            if (pending > 0) {
                if (!out.isReady()) {
                    return;
                }
                long started = System.nanoTime();
                // An array of its own, written whole: Undertow's non-blocking write(b, off, len)
                // sends all of b (see UndertowUpgradeOutputTest).
                out.write(Arrays.copyOf(buffer, pending));
                record.wrote(started);
                record.bytesWrittenByContainer.addAndGet(pending);
                pending = 0;
                needsFlush = true;
                continue;
            }
            if (needsFlush) {
                if (!out.isReady()) {
                    return;
                }
                long started = System.nanoTime();
                out.flush();
                record.wrote(started);
                needsFlush = false;
                continue;
            }
            if (inputDone) {
                close();
                return;
            }
            if (!in.isReady()) {
                return;
            }
            int read = in.read(buffer);
            if (read < 0) {
                record.readEndOfStream.set(true);
                inputDone = true;
            } else {
                record.bytesRead.addAndGet(read);
                pending = read;
            }
        }
    }

    private void sayByeAndClose() throws IOException {
        drainInput();
        while (!closed && out.isReady()) {
            switch (closeStep++) {
                case 0 -> {
                    if (mode == Mode.SLICE) {
                        // what a writer reusing one big array does: "bye\n" is the middle of it
                        out.write("[bye\n]".getBytes(StandardCharsets.US_ASCII), 1, 4);
                    } else {
                        out.write("bye\n".getBytes(StandardCharsets.US_ASCII));
                    }
                }
                case 1 -> out.flush();
                default -> close();
            }
        }
    }

    /** Reads and forgets, so the peer's closing is seen. */
    private void drainInput() throws IOException {
        while (!inputDone && in.isReady()) {
            int read = in.read(buffer);
            if (read < 0) {
                record.readEndOfStream.set(true);
                inputDone = true;
            } else {
                record.bytesRead.addAndGet(read);
            }
        }
        if (inputDone && mode != Mode.CLOSE) {
            close();
        }
    }

    private void pushFromOwnThread() {
        synchronized (this) {
            pusherStarted = true;
            try {
                push(true);
            } catch (IOException e) {
                record.error.compareAndSet(null, e);
            }
        }
    }

    private void push(boolean ownThread) throws IOException {
        byte[] chunk = new byte[CHUNK];
        while (pushed < PUSH_BYTES && out.isReady()) {
            int length = Math.min(CHUNK, PUSH_BYTES - pushed);
            for (int i = 0; i < length; i++) {
                chunk[i] = pushed(pushed + i);
            }
            long started = System.nanoTime();
            out.write(chunk, 0, length);
            record.wrote(started);
            pushed += length;
            (ownThread ? record.bytesWrittenByOwnThread : record.bytesWrittenByContainer).addAndGet(length);
        }
        if (pushed == PUSH_BYTES && !pushFlushed && out.isReady()) {
            out.flush();
            pushFlushed = true;
        }
    }

    /** A listener's call that moves the connection on, recorded as that callback. */
    private void pumpIn(String callback) throws IOException {
        String call = record.enter(callback);
        try {
            pump();
        } finally {
            record.leave(call);
        }
    }

    /** Either listener's onError: the connection is over, close it. */
    private void failed(String callback, Throwable t) {
        String call = record.enter(callback);
        try {
            record.error.compareAndSet(null, t);
            synchronized (this) {
                close();
            }
        } finally {
            record.leave(call);
        }
    }

    private void close() {
        if (closed) {
            return;
        }
        closed = true;
        record.closedByHandler.set(true);
        try {
            connection.close();
        } catch (Exception e) {
            record.error.compareAndSet(null, e);
        }
    }

    private final class Reader implements ReadListener {
        @Override
        public void onDataAvailable() throws IOException {
            pumpIn("onDataAvailable");
        }

        @Override
        public void onAllDataRead() throws IOException {
            record.allDataRead.set(true);
            synchronized (ProbeUpgradeHandler.this) {
                inputDone = true;
            }
            pumpIn("onAllDataRead");
        }

        @Override
        public void onError(Throwable t) {
            failed("onError(read)", t);
        }
    }

    private final class Writer implements WriteListener {
        @Override
        public void onWritePossible() throws IOException {
            pumpIn("onWritePossible");
        }

        @Override
        public void onError(Throwable t) {
            failed("onError(write)", t);
        }
    }
}
