import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The BOM's check, run by bom/pom.xml on every build with the JDK's source launcher:
 * {@code java PublishedModulesInBom.java ROOT}. Walks the modules of ROOT/pom.xml and fails when a
 * published module (one that is not a pom and does not set {@code maven.deploy.skip}, itself or
 * through a parent in this repository) is missing from bom/pom.xml's dependencyManagement, when the
 * BOM lists an artifact the build does not publish, when an entry's version is not
 * {@code ${project.version}}, or when the BOM's version is not the parent's.
 */
public final class PublishedModulesInBom {
    private PublishedModulesInBom() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Element parent = read(root.resolve("pom.xml"));
        String groupId = text(parent, "groupId").orElseThrow();
        String version = text(parent, "version").orElseThrow();

        Set<String> published = new TreeSet<>();
        List<Path> modules = new ArrayList<>();
        collectModules(root, modules);
        for (Path dir : modules) {
            Element pom = read(dir.resolve("pom.xml"));
            String packaging = text(pom, "packaging").orElse("jar");
            if (!packaging.equals("pom") && !deploySkipped(dir)) {
                published.add(text(pom, "artifactId").orElseThrow());
            }
        }

        Element bom = read(root.resolve("bom/pom.xml"));
        List<String> problems = new ArrayList<>();
        if (!version.equals(text(bom, "version").orElse(""))) {
            problems.add("bom/pom.xml has version " + text(bom, "version").orElse("(none)") + ", the parent " + version
                    + ": they are released together");
        }
        Set<String> listed = new TreeSet<>();
        Element management = child(bom, "dependencyManagement").flatMap(m -> child(m, "dependencies")).orElse(null);
        for (Element dependency : management == null ? List.<Element>of() : children(management, "dependency")) {
            String artifactId = text(dependency, "artifactId").orElse("?");
            if (!groupId.equals(text(dependency, "groupId").orElse(""))) {
                problems.add("the BOM lists " + text(dependency, "groupId").orElse("?") + ":" + artifactId
                        + ", which is not ours: it lists only this project's artifacts");
                continue;
            }
            listed.add(artifactId);
            if (!"${project.version}".equals(text(dependency, "version").orElse(""))) {
                problems.add("the BOM's " + artifactId + " must have <version>${project.version}</version>");
            }
            if (!published.contains(artifactId)) {
                problems.add("the BOM lists " + artifactId + ", which the build does not publish");
            }
        }
        for (String artifactId : published) {
            if (!listed.contains(artifactId)) {
                problems.add(artifactId + " is published but missing from bom/pom.xml: add it to its dependencyManagement"
                        + " (or set maven.deploy.skip in the module if it is not meant to be published)");
            }
        }
        if (!problems.isEmpty()) {
            problems.forEach(problem -> System.err.println("[BOM] " + problem));
            System.exit(1);
        }
        System.out.println("[BOM] lists every published module: " + String.join(", ", published));
    }

    private static void collectModules(Path dir, List<Path> into) throws Exception {
        Element pom = read(dir.resolve("pom.xml"));
        Optional<Element> modules = child(pom, "modules");
        if (modules.isEmpty()) {
            return;
        }
        for (Element module : children(modules.get(), "module")) {
            Path moduleDir = dir.resolve(module.getTextContent().strip()).normalize();
            into.add(moduleDir);
            collectModules(moduleDir, into);
        }
    }

    /** maven.deploy.skip set to true in the module's properties or in a parent's within this repository. */
    private static boolean deploySkipped(Path dir) throws Exception {
        Path pomFile = dir.resolve("pom.xml");
        while (Files.isRegularFile(pomFile)) {
            Element pom = read(pomFile);
            Optional<String> skip = child(pom, "properties").flatMap(p -> text(p, "maven.deploy.skip"));
            if (skip.isPresent()) {
                return Boolean.parseBoolean(skip.get());
            }
            Optional<Element> parent = child(pom, "parent");
            if (parent.isEmpty()) {
                return false;
            }
            String relativePath = text(parent.get(), "relativePath").orElse("../pom.xml");
            Path next = pomFile.getParent().resolve(relativePath).normalize();
            pomFile = Files.isDirectory(next) ? next.resolve("pom.xml") : next;
        }
        return false;
    }

    private static Element read(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(pom.toFile());
        return document.getDocumentElement();
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    private static Optional<Element> child(Element parent, String name) {
        return children(parent, name).stream().findFirst();
    }

    private static Optional<String> text(Element parent, String name) {
        return child(parent, name).map(element -> element.getTextContent().strip());
    }
}
