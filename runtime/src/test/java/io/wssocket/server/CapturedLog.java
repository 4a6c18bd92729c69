package io.wssocket.server;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The records one java.util.logging logger publishes from {@link #start} until {@link #close},
 * for tests of what the operator is told. The logger's level is set for the while and restored.
 */
final class CapturedLog extends Handler implements AutoCloseable {
    private static final Pattern IN_ALL = Pattern.compile("\\((\\d+) in all\\)");

    private final Logger logger;
    private final Level previousLevel;
    private final List<LogRecord> records = new ArrayList<>();

    private CapturedLog(Logger logger) {
        this.logger = logger;
        this.previousLevel = logger.getLevel();
    }

    /** Captures what the logger named after {@code source} publishes at {@code level} and above. */
    static CapturedLog start(Class<?> source, Level level) {
        CapturedLog log = new CapturedLog(Logger.getLogger(source.getName()));
        log.logger.setLevel(level);
        log.logger.addHandler(log);
        return log;
    }

    @Override
    public synchronized void publish(LogRecord record) {
        records.add(record);
    }

    /** The records at exactly {@code level}, in the order they came. */
    synchronized List<LogRecord> at(Level level) {
        return records.stream().filter(r -> r.getLevel().equals(level)).toList();
    }

    /** The messages at {@code level} or above that start with {@code prefix}. */
    synchronized List<String> messages(Level level, String prefix) {
        return records.stream().filter(r -> r.getLevel().intValue() >= level.intValue()).map(LogRecord::getMessage)
                .filter(m -> m.startsWith(prefix)).toList();
    }

    /** Events a summarized line stands for: a detailed line is one, a summary says how many. */
    static long eventsIn(String line) {
        Matcher m = IN_ALL.matcher(line);
        return m.find() ? Long.parseLong(m.group(1)) : 1;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(previousLevel);
    }
}
