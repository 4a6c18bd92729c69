package io.wssocket.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Level-1 URI templates of endpoint paths (Jakarta WebSocket 2.2 §3.1.1). */
class PathTemplateTest {

    @Test
    void variablesMatchWholeSegmentsAndArePercentDecoded() {
        PathTemplate template = PathTemplate.parse("/rooms/{room}/users/{user}");
        assertThat(template.variableNames()).containsExactly("room", "user");
        assertThat(template.match("/rooms/lobby/users/ann%20b%C3%A9")).isEqualTo(Map.of("room", "lobby", "user", "ann bé"));
        assertThat(template.match("/rooms/a+b/users/x")).containsEntry("room", "a+b");
    }

    @Test
    void pathsOfAnotherShapeDoNotMatch() {
        PathTemplate template = PathTemplate.parse("/rooms/{room}");
        assertThat(template.match("/rooms")).isNull();
        assertThat(template.match("/rooms/")).isNull();
        assertThat(template.match("/rooms/a/b")).isNull();
        assertThat(template.match("/halls/a")).isNull();
        assertThat(template.match("/rooms/%zz")).isNull();
    }

    @Test
    void aPathWithoutVariablesMatchesOnlyItself() {
        PathTemplate template = PathTemplate.parse("/");
        assertThat(template.hasVariables()).isFalse();
        assertThat(template.match("/")).isEmpty();
        assertThat(template.match("/a")).isNull();
    }

    @Test
    void invalidTemplatesAreRefused() {
        assertThatThrownBy(() -> PathTemplate.parse("rooms")).hasMessageContaining("must start with '/'");
        assertThatThrownBy(() -> PathTemplate.parse("/a/{}")).hasMessageContaining("is not a variable");
        assertThatThrownBy(() -> PathTemplate.parse("/a/{x")).hasMessageContaining("is not a variable");
        assertThatThrownBy(() -> PathTemplate.parse("/a/x}")).hasMessageContaining("is not a variable");
        assertThatThrownBy(() -> PathTemplate.parse("/a/{x}/{x}")).hasMessageContaining("appears twice");
    }

    @Test
    void templatesOfTheSameShapeAreEquivalent() {
        assertThat(PathTemplate.parse("/a/{x}").isEquivalentTo(PathTemplate.parse("/a/{y}"))).isTrue();
        assertThat(PathTemplate.parse("/a/{x}").isEquivalentTo(PathTemplate.parse("/b/{y}"))).isFalse();
        assertThat(PathTemplate.parse("/a/{x}").isEquivalentTo(PathTemplate.parse("/a/{x}/c"))).isFalse();
    }

    @Test
    void aLiteralSegmentGoesBeforeAVariableAtTheFirstDifference() {
        List<PathTemplate> templates = new ArrayList<>(List.of(
                PathTemplate.parse("/{a}/{b}/{c}"), PathTemplate.parse("/a/{x}/c"), PathTemplate.parse("/a/b/{y}")));
        templates.sort(PathTemplate::byPrecedence);
        assertThat(templates).extracting(PathTemplate::path).containsExactly("/a/b/{y}", "/a/{x}/c", "/{a}/{b}/{c}");
    }
}
