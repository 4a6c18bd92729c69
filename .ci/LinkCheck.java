import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CI: the relative links of the Markdown files given as arguments (.ci/links passes every tracked
 * *.md) point at files that exist, and their #anchors at headings that exist, with GitHub's rules
 * for heading anchors. Links to other sites are not followed. Run with the JDK's source launcher:
 * {@code java .ci/LinkCheck.java FILE...}; exits 1 and names each broken link.
 */
public final class LinkCheck {
    /** [text](target) and ![alt](target); the target ends at whitespace or the closing parenthesis. */
    private static final Pattern LINK = Pattern.compile("!?\\[(?:[^\\]\\[]|\\[[^\\]]*\\])*\\]\\(<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:name|id)=\"([^\"]+)\"");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");

    private final Map<Path, Set<String>> anchors = new HashMap<>();

    private LinkCheck() {
    }

    public static void main(String[] args) throws IOException {
        LinkCheck check = new LinkCheck();
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (String arg : args) {
            Path file = Path.of(arg).normalize();
            int lineNumber = 0;
            boolean fenced = false;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                lineNumber++;
                if (line.strip().startsWith("```")) {
                    fenced = !fenced;
                    continue;
                }
                if (fenced) {
                    continue;
                }
                Matcher link = LINK.matcher(INLINE_CODE.matcher(line).replaceAll(""));
                while (link.find()) {
                    String target = link.group(1);
                    if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                        continue; // https:, mailto: and the like: another site's business
                    }
                    links++;
                    String problem = check.problem(file, target);
                    if (problem != null) {
                        broken.add(file + ":" + lineNumber + ": (" + target + ") " + problem);
                    }
                }
            }
        }
        if (!broken.isEmpty()) {
            broken.forEach(System.err::println);
            System.err.println("=== " + broken.size() + " broken links in the Markdown files");
            System.exit(1);
        }
        System.out.println("=== links: " + links + " relative links in " + args.length + " Markdown files, none broken");
    }

    private String problem(Path from, String target) throws IOException {
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = path.isEmpty() ? from : resolve(from, path);
        if (!Files.exists(resolved)) {
            return "no such file: " + resolved;
        }
        if (anchor == null || anchor.isEmpty()) {
            return null;
        }
        if (!resolved.toString().endsWith(".md")) {
            return anchor.matches("L\\d+(-L\\d+)?") ? null : "an anchor into a file that is not Markdown";
        }
        return anchorsOf(resolved).contains(anchor) ? null : "no heading with the anchor #" + anchor + " in " + resolved;
    }

    private static Path resolve(Path from, String path) {
        String decoded = path.replace("%20", " ");
        Path base = from.toAbsolutePath().getParent();
        return Path.of("").toAbsolutePath().relativize(base.resolve(decoded).normalize());
    }

    private Set<String> anchorsOf(Path file) throws IOException {
        Set<String> found = anchors.get(file);
        if (found != null) {
            return found;
        }
        found = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            Matcher html = HTML_ANCHOR.matcher(line);
            while (html.find()) {
                found.add(html.group(1));
            }
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String slug = slug(heading.group(2));
                int count = seen.merge(slug, 1, Integer::sum);
                found.add(count == 1 ? slug : slug + "-" + (count - 1));
            }
        }
        anchors.put(file, found);
        return found;
    }

    /** GitHub's heading anchor: link text only, lower case, punctuation dropped, each space a hyphen. */
    static String slug(String heading) {
        String text = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replaceAll("<[^>]+>", "");
        StringBuilder slug = new StringBuilder();
        text.toLowerCase(Locale.ROOT).codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                slug.appendCodePoint(c);
            } else if (c == ' ') {
                slug.append('-');
            }
        });
        return slug.toString();
    }
}
