package io.wssocket.arquillian;

import io.wssocket.arquillian.app.EchoApplication;
import io.wssocket.arquillian.app.EchoEndpoint;
import io.wssocket.arquillian.clash.ClashingApplication;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The archives the tests deploy. */
final class TestArchives {
    /** A web.xml with nothing in it, as TCK archives carry: the container must ignore it. */
    private static final String EMPTY_WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0"/>
            """;

    private TestArchives() {
    }

    /** The echo endpoint in WEB-INF/classes, its ServerApplicationConfig in a WEB-INF/lib jar, and a web.xml. */
    static WebArchive echoWar(String name) {
        return ShrinkWrap.create(WebArchive.class, name)
                .addClass(EchoEndpoint.class)
                .addAsLibrary(ShrinkWrap.create(JavaArchive.class, "echo-config.jar").addClass(EchoApplication.class))
                .setWebXML(new StringAsset(EMPTY_WEB_XML));
    }

    /** The echo endpoint and its ServerApplicationConfig in a plain jar. */
    static JavaArchive echoJar(String name) {
        return ShrinkWrap.create(JavaArchive.class, name).addClasses(EchoEndpoint.class, EchoApplication.class);
    }

    /** An application whose ServerApplicationConfig puts two endpoints at one path. */
    static WebArchive clashingWar(String name) {
        return ShrinkWrap.create(WebArchive.class, name).addClasses(EchoEndpoint.class, ClashingApplication.class);
    }
}
