package io.wssocket.interop.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Skip reasons as the page lists them: reasons that differ only in their last number ("refuses to
 * send close code 1002", "... 1003") make one line with the numbers in order, and each line says
 * how many cases it stands for.
 */
final class SkipReasons {
    private static final Pattern LAST_NUMBER = Pattern.compile("^(.*?)(\\d+)(\\D*)$");
    private static final Comparator<String> NUMERIC = Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());

    private SkipReasons() {
    }

    static List<String> lines(Map<String, Integer> reasons) {
        Map<String, Line> lines = new LinkedHashMap<>();
        reasons.forEach((reason, count) -> {
            Matcher numbered = LAST_NUMBER.matcher(reason);
            Line line = numbered.matches()
                    ? lines.computeIfAbsent(numbered.group(1) + '\0' + numbered.group(3), shape -> new Line(numbered.group(1), numbered.group(3)))
                    : lines.computeIfAbsent(reason, shape -> new Line(reason, ""));
            if (numbered.matches()) {
                line.numbers.add(numbered.group(2));
            }
            line.cases += count;
        });
        List<String> text = new ArrayList<>();
        lines.values().forEach(line -> text.add(line.before + String.join(", ", line.numbers) + line.after + " (" + line.cases + ")"));
        return text;
    }

    /** One line: the text around the numbers, the numbers, and the cases it stands for. */
    private static final class Line {
        private final String before;
        private final String after;
        private final SortedSet<String> numbers = new TreeSet<>(NUMERIC);
        private int cases;

        Line(String before, String after) {
            this.before = before;
            this.after = after;
        }
    }
}
