package io.wssocket.bench.jmh;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A realistic, deterministic corpus of WebSocket text messages for the permessage-deflate
 * measurements: JSON chat messages and JSON market-data (ticker) messages of 64 B to 16 KiB, made
 * from a seeded random so that every run and fork sees the same bytes. Sizes are spread
 * log-uniformly over the range, so each power of two between 64 B and 16 KiB is as common as any other.
 */
public final class MessageCorpus {

    /** The smallest and largest message the corpus aims at. */
    public static final int MIN_SIZE = 64;
    public static final int MAX_SIZE = 16 * 1024;

    private static final String[] WORDS = ("the a to and of in is it you that for on was with he as I his they be at one have this "
            + "from or had by hot word but what some we can out other were all there when up use your how said an each she "
            + "which do their time if will way about many then them write would like so these her long make thing see him two "
            + "has look more day could go come did number sound no most people my over know water than call first who may down "
            + "side been now find deploy merge ticket meeting lunch tomorrow build release review thanks :) ok sure great "
            + "link https://example.com/docs latency server client socket frame message chat room channel").split(" ");
    private static final String[] NAMES = {"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan",
        "judy", "mallory", "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter", "zoe"};
    private static final String[] ROOMS = {"general", "random", "dev", "ops", "support", "design", "release-2026-12"};
    private static final String[] SYMBOLS = {"BTC-USD", "ETH-USD", "SOL-USD", "AAPL", "MSFT", "EUR-USD", "GBP-JPY",
        "XAU-USD", "NVDA", "TSLA", "ADA-USD", "DOGE-USD"};
    private static final long EPOCH_MS = 1_765_000_000_000L;

    /** The kinds of message. */
    public enum Kind { CHAT, TICKER }

    private MessageCorpus() {
    }

    /** {@code count} messages of {@code kind}, sizes log-uniform in 64 B..16 KiB, from {@code seed}. */
    public static List<byte[]> messages(Kind kind, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<byte[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int size = (int) Math.round(MIN_SIZE * Math.pow((double) MAX_SIZE / MIN_SIZE, random.nextDouble()));
            String text = kind == Kind.CHAT ? chatOfSize(random, i, size) : ticker(random, i, size);
            out.add(text.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    /**
     * A chat message of exactly {@code size} bytes (at least 64): a JSON object with the message's
     * type, room, id, sender, time, reply and text, the text cut to fit.
     */
    public static String chatOfSize(SplittableRandom random, long sequence, int size) {
        return "{" + chatFields(random, sequence, size - 1);
    }

    /**
     * Chat message fields ending with the object's closing brace, exactly {@code length} bytes
     * (ASCII): as many of the optional fields as fit, then a {@code "text"} filled with words.
     */
    public static String chatFields(SplittableRandom random, long sequence, int length) {
        String user = NAMES[random.nextInt(NAMES.length)];
        List<String> optional = List.of(
                "\"type\":\"message\",",
                "\"room\":\"" + ROOMS[random.nextInt(ROOMS.length)] + "\",",
                "\"user\":{\"id\":" + (1000 + random.nextInt(90_000)) + ",\"name\":\"" + user + "\"},",
                "\"ts\":" + (EPOCH_MS + sequence * 1375 + random.nextInt(1000)) + ",",
                "\"id\":\"" + Long.toHexString(random.nextLong() | Long.MIN_VALUE) + "\",",
                random.nextInt(4) == 0 ? "\"replyTo\":\"" + Long.toHexString(random.nextLong() | Long.MIN_VALUE) + "\"," : "");
        String textHead = "\"text\":\"";
        String end = "\"}";
        StringBuilder b = new StringBuilder(length);
        for (String field : optional) {
            if (b.length() + field.length() + textHead.length() + end.length() + 8 <= length) {
                b.append(field);
            }
        }
        b.append(textHead);
        int textEnd = length - end.length();
        while (b.length() < textEnd) {
            if (b.charAt(b.length() - 1) != '"') {
                b.append(' ');
            }
            b.append(WORDS[random.nextInt(WORDS.length)]);
        }
        b.setLength(Math.max(textEnd, 0));
        b.append(end);
        if (b.length() != length) {
            throw new IllegalArgumentException("no chat message fits in " + length + " bytes");
        }
        return b.toString();
    }

    /**
     * A market-data message of about {@code size} bytes (within one entry): a batch of ticker
     * updates with prices that move a little from entry to entry, as an exchange feed sends them.
     */
    static String ticker(SplittableRandom random, long sequence, int size) {
        StringBuilder b = new StringBuilder(size + 128);
        b.append("{\"type\":\"ticker\",\"seq\":").append(sequence).append(",\"updates\":[");
        int entries = 0;
        do {
            String symbol = SYMBOLS[random.nextInt(SYMBOLS.length)];
            double mid = 10 + Math.floorMod(symbol.hashCode(), 500) * 97.0 + random.nextDouble() * 5;
            double spread = mid * 0.0002 * (1 + random.nextDouble());
            if (entries > 0) {
                b.append(',');
            }
            b.append(String.format(Locale.ROOT, "{\"s\":\"%s\",\"b\":\"%.2f\",\"a\":\"%.2f\",\"v\":\"%.4f\",\"t\":%d}",
                    symbol, mid - spread, mid + spread, random.nextDouble() * 5000, EPOCH_MS + sequence * 250 + entries));
            entries++;
        } while (b.length() + 80 < size);
        return b.append("]}").toString();
    }
}
