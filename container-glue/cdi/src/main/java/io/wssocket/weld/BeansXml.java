package io.wssocket.weld;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * What a class root's {@code META-INF/beans.xml} says: its discovery mode (CDI 4.1 §12.1: an
 * empty file, or none at all here, means {@code annotated}) and the interceptors, decorators and
 * alternatives it enables by class name.
 */
record BeansXml(Mode mode, List<String> interceptors, List<String> decorators, List<String> alternatives) {

    enum Mode { ALL, ANNOTATED, NONE }

    /** A root without beans.xml: annotated discovery, so a jar of annotated beans needs no file. */
    static final BeansXml ABSENT = new BeansXml(Mode.ANNOTATED, List.of(), List.of(), List.of());

    static BeansXml parse(InputStream in, String where) throws IOException {
        byte[] bytes = in.readAllBytes();
        if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return ABSENT;
        }
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            document = builder.parse(new java.io.ByteArrayInputStream(bytes));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException(where + " is not a valid beans.xml: " + e.getMessage(), e);
        }
        Element root = document.getDocumentElement();
        String mode = root.getAttribute("bean-discovery-mode").trim();
        Mode parsed = mode.isEmpty() ? Mode.ANNOTATED : switch (mode.toLowerCase(Locale.ROOT)) {
            case "all" -> Mode.ALL;
            case "annotated" -> Mode.ANNOTATED;
            case "none" -> Mode.NONE;
            default -> throw new IOException(where + ": unknown bean-discovery-mode '" + mode + "' (all, annotated or none)");
        };
        return new BeansXml(parsed, classes(root, "interceptors", "class"), classes(root, "decorators", "class"),
                classes(root, "alternatives", "class"));
    }

    private static List<String> classes(Element root, String section, String entry) {
        List<String> names = new ArrayList<>();
        NodeList sections = root.getElementsByTagNameNS("*", section);
        for (int i = 0; i < sections.getLength(); i++) {
            NodeList entries = ((Element) sections.item(i)).getElementsByTagNameNS("*", entry);
            for (int j = 0; j < entries.getLength(); j++) {
                names.add(entries.item(j).getTextContent().trim());
            }
        }
        return names;
    }
}
