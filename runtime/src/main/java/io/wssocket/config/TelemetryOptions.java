package io.wssocket.config;

import java.util.List;

/** What a server tells its operator beyond its log: the access log, JMX, the metrics scrape, and the thresholds of its JFR events. */
public final class TelemetryOptions {
    private static final OptionType<Long> MILLIS = OptionType.longInteger(0, Long.MAX_VALUE);

    public static final Option<String> ACCESS_LOG = Option.of("access-log", OptionType.choice("off", "logger", "file"),
            "off", "One line per handshake outcome (101 and every refusal: 400, 403, 404, 429, 503...) and per closed "
                    + "session, with the client's address (the one a trusted proxy told), path, status or close code, "
                    + "duration and bytes: off; logger, to System.Logger io.wssocket.access at INFO (the console of the "
                    + "standalone server); file, appended to access-log-file. Written by a background thread from a "
                    + "queue bounded by access-log-queue-bytes, so an event loop never waits on it. Off by default: at "
                    + "a line per session it would be most of what a busy server logs; turn it on where lines are "
                    + "collected.");
    public static final Option<String> ACCESS_LOG_FORMAT = Option.of("access-log-format",
            OptionType.choice("common", "json"), "common",
            "Format of the access log's lines: common (space-separated fields in the spirit of the NCSA common log "
                    + "format: address, time, kind, path, status or close code, duration in ms, bytes in and out) or "
                    + "json (one JSON object per line).");
    public static final Option<String> ACCESS_LOG_FILE = Option.of("access-log-file", OptionType.text(),
            "wssocket-access.log", "File the access log is appended to when access-log=file; made if missing.");
    public static final Option<Long> ACCESS_LOG_QUEUE_BYTES = Option.of("access-log-queue-bytes",
            OptionType.longInteger(1024, Long.MAX_VALUE), 1_048_576L,
            "Heap bytes the access-log lines waiting for the writer may hold (counted as 2 a character plus 64 a line); "
                    + "a line that does not fit is dropped and counted, "
                    + "and the count is logged once a second while lines are dropped.");
    public static final Option<Boolean> JMX = Option.of("jmx", OptionType.bool(), true,
            "Registers the server's counters as MBeans in the platform MBean server under "
                    + "io.wssocket:type=Server,name=<server> while it serves (open connections, sessions per path, "
                    + "handshakes by status, messages and bytes, close codes, rejections by limit).");
    public static final Option<Boolean> METRICS = Option.of("metrics", OptionType.bool(), false,
            "Answers GET <health-path>/metrics (on the health-port listener, else on the main port beside "
                    + "/live and /ready) with the server's meters in Prometheus's text format, from a metrics "
                    + "module on the class path: wssocket-micrometer and its lib/ jars (the server does not start "
                    + "without one). Off by default; needs health-path. Prefer a health-port on a private "
                    + "address: the meters tell the endpoints' paths and the load.");
    public static final Option<Long> SLOW_SEND_THRESHOLD = Option.of("slow-send-threshold", MILLIS, 1000L,
            "Milliseconds a send may wait for the peer before it is told as a slow send (JFR event "
                    + "io.wssocket.SlowSend and the metrics listeners): a blocking send while it waits, an asynchronous "
                    + "one from its call until it is written; 0 tells every send that had to wait.");
    public static final Option<Long> LOOP_STALL_THRESHOLD = Option.of("loop-stall-threshold", MILLIS, 100L,
            "Milliseconds one turn of an event loop may take before it is told as a stall (JFR event "
                    + "io.wssocket.LoopStall, the metrics listeners, a summary line in the log): every other connection "
                    + "of that loop waited meanwhile. 0 does not time the turns at all.");

    /** Every telemetry option, in the order the reference lists them. */
    public static final List<Option<?>> ALL = List.of(ACCESS_LOG, ACCESS_LOG_FORMAT, ACCESS_LOG_FILE,
            ACCESS_LOG_QUEUE_BYTES, JMX, METRICS, SLOW_SEND_THRESHOLD, LOOP_STALL_THRESHOLD);

    private TelemetryOptions() {
    }
}
