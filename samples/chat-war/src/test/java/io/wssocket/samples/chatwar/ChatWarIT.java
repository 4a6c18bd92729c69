package io.wssocket.samples.chatwar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * What a Servlet container finds in target/chat.war: the chat jar with its page, WS Socket's Servlet
 * glue and runtime with the WebSocket API (the container has none), Weld Servlet with the CDI API (the
 * chat endpoint and its room are beans; Tomcat and Undertow have no CDI), and not the Servlet API (the
 * container's own). samples/chat-tomcat's ChatInTomcatIT deploys this WAR into Tomcat and chats.
 */
class ChatWarIT {
    private static final Path WAR = Path.of("target", "chat.war");

    @Test
    void holdsTheChatWsSocketAndWeldInWebInfLib() throws IOException {
        try (ZipFile war = new ZipFile(WAR.toFile())) {
            List<String> libs = war.stream().map(ZipEntry::getName).filter(name -> name.startsWith("WEB-INF/lib/")).toList();

            assertThat(libs).anyMatch(name -> name.matches("WEB-INF/lib/wssocket-sample-chat-.+\\.jar"))
                    .anyMatch(name -> name.matches("WEB-INF/lib/wssocket-servlet-.+\\.jar"))
                    .anyMatch(name -> name.matches("WEB-INF/lib/wssocket-runtime-.+\\.jar"))
                    .anyMatch(name -> name.matches("WEB-INF/lib/jakarta\\.websocket-api-.+\\.jar"))
                    .anyMatch(name -> name.matches("WEB-INF/lib/weld-servlet-core-.+\\.jar"))
                    .anyMatch(name -> name.matches("WEB-INF/lib/jakarta\\.enterprise\\.cdi-api-.+\\.jar"))
                    .noneMatch(name -> name.contains("servlet-api"));
            assertThat(war.getEntry("META-INF/LICENSE")).isNotNull();
            assertThat(war.getEntry("META-INF/NOTICE")).isNotNull();
        }
    }

    @Test
    void servesThePageFromTheChatJarsMetaInfResources() throws IOException {
        try (ZipFile war = new ZipFile(WAR.toFile())) {
            ZipEntry chatJar = war.stream().filter(entry -> entry.getName().matches("WEB-INF/lib/wssocket-sample-chat-.+\\.jar"))
                    .findFirst().orElseThrow();
            List<String> pages = new java.util.ArrayList<>();
            try (InputStream in = war.getInputStream(chatJar); JarInputStream jar = new JarInputStream(in)) {
                for (ZipEntry entry; (entry = jar.getNextEntry()) != null; ) {
                    pages.add(entry.getName());
                }
            }

            assertThat(pages).contains("META-INF/resources/index.html", "META-INF/resources/chat.js",
                    "io/wssocket/samples/chat/ChatEndpoint.class");
        }
    }
}
