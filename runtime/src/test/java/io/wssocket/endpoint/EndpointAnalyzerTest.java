package io.wssocket.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Decoder;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Every rule of Jakarta WebSocket 2.2 chapter 4 the analyser enforces, and the message that names it. */
class EndpointAnalyzerTest {

    private static void assertRefused(Class<?> endpoint, String method, String... ruleParts) {
        var refusal = assertThatThrownBy(() -> AnnotatedEndpointModel.of(endpoint))
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("endpoint " + endpoint.getName() + ": ");
        if (method != null) {
            refusal.hasMessageContaining("method " + method + ": ");
        }
        for (String part : ruleParts) {
            refusal.hasMessageContaining(part);
        }
    }

    @ServerEndpoint("/ok/{room}")
    public static class EveryForm {
        @OnOpen
        public void open(Session s, EndpointConfig c, @PathParam("room") String room) {
        }

        @OnClose
        public void close(CloseReason reason, Session s) {
        }

        @OnError
        public void error(Throwable t, @PathParam("room") int room) {
        }

        @OnMessage(maxMessageSize = 10)
        public String text(String text, boolean last, Session s) {
            return text;
        }

        @OnMessage
        public void binary(InputStream in) {
        }

        @OnMessage
        public void pong(PongMessage pong, Session s) {
        }
    }

    @Test
    void aValidEndpointIsModelledWithOneMethodPerKind() throws Exception {
        AnnotatedEndpointModel model = AnnotatedEndpointModel.of(EveryForm.class);
        assertThat(model.path().variableNames()).containsExactly("room");
        assertThat(model.onOpen().description()).isEqualTo("open(Session, EndpointConfig, String)");
        assertThat(model.messageMethods()).extracting(MessageMethod::kind).containsExactlyInAnyOrder(
                MessageMethod.MessageKind.TEXT, MessageMethod.MessageKind.BINARY, MessageMethod.MessageKind.PONG);
        assertThat(model.messageMethods()).filteredOn(MessageMethod::partial).singleElement()
                .satisfies(m -> assertThat(m.maxMessageSize()).isEqualTo(10));
    }

    public static class NotAnnotated {
    }

    @Test
    void aClassWithoutServerEndpointIsRefused() {
        assertRefused(NotAnnotated.class, null, "not annotated with @ServerEndpoint");
    }

    @ServerEndpoint("/x")
    public static class TwoOpens {
        @OnOpen
        public void a() {
        }

        @OnOpen
        public void b(Session s) {
        }
    }

    @Test
    void aSecondOnOpenIsRefused() {
        assertThatThrownBy(() -> AnnotatedEndpointModel.of(TwoOpens.class))
                .hasMessageContaining("endpoint " + TwoOpens.class.getName())
                .hasMessageMatching(".*method (a\\(\\)|b\\(Session\\)): is a second @OnOpen method.*")
                .hasMessageContaining("at most one @OnOpen method (Jakarta WebSocket 2.2 §4.4)");
    }

    @ServerEndpoint("/x")
    public static class TwoTextMethods {
        @OnMessage
        public void first(String text) {
        }

        @OnMessage
        public void second(Reader text, Session s) {
        }
    }

    @Test
    void twoOnMessageMethodsForTextAreRefused() {
        assertThatThrownBy(() -> AnnotatedEndpointModel.of(TwoTextMethods.class))
                .hasMessageContaining("endpoint " + TwoTextMethods.class.getName())
                .hasMessageContaining("is a second @OnMessage method for text messages")
                .hasMessageContaining("at most one @OnMessage method each for text, binary and pong messages");
    }

    @ServerEndpoint("/x")
    public static class TwoMessageParameters {
        @OnMessage
        public void onMessage(String a, String b) {
        }
    }

    @Test
    void twoMessageParametersAreRefused() {
        assertRefused(TwoMessageParameters.class, "onMessage(String, String)", "two message parameters",
                "an @OnMessage method takes one message parameter (Jakarta WebSocket 2.2 §4.7)");
    }

    @ServerEndpoint("/x")
    public static class ErrorWithoutThrowable {
        @OnError
        public void failed(Session s) {
        }
    }

    @Test
    void onErrorWithoutThrowableIsRefused() {
        assertRefused(ErrorWithoutThrowable.class, "failed(Session)", "has no Throwable parameter", "§4.6");
    }

    @ServerEndpoint("/x")
    public static class BadMessageType {
        @OnMessage
        public void onMessage(Thread t) {
        }
    }

    @Test
    void aMessageTypeWithoutDecoderIsRefused() {
        assertRefused(BadMessageType.class, "onMessage(Thread)", "message parameter of type java.lang.Thread has no decoder",
                "or a type one of the endpoint's decoders decodes (Jakarta WebSocket 2.2 §4.7)");
    }

    @ServerEndpoint("/x")
    public static class BadOpenParameter {
        @OnOpen
        public void open(Session s, String what) {
        }
    }

    @Test
    void anOnOpenParameterOfAnotherTypeIsRefused() {
        assertRefused(BadOpenParameter.class, "open(Session, String)", "parameter 2 of type String is not allowed", "§4.4");
    }

    @ServerEndpoint("/x")
    public static class BadCloseParameter {
        @OnClose
        public void close(EndpointConfig config) {
        }
    }

    @Test
    void anOnCloseParameterOfAnotherTypeIsRefused() {
        assertRefused(BadCloseParameter.class, "close(EndpointConfig)", "parameter 1 of type EndpointConfig is not allowed",
                "§4.5");
    }

    @ServerEndpoint("/rooms/{room}")
    public static class UnknownPathParam {
        @OnOpen
        public void open(@PathParam("user") String user, @PathParam("{user}") Boolean braces) {
        }
    }

    @Test
    void aPathParamNotInTheTemplateIsAcceptedAndGivesNull() throws Exception {
        // PathParam javadoc: a name that matches no path variable gives null (the TCK deploys such endpoints)
        assertThat(AnnotatedEndpointModel.of(UnknownPathParam.class)).isNotNull();
    }

    @ServerEndpoint("/rooms/{room}")
    public static class UnknownPrimitivePathParam {
        @OnOpen
        public void open(@PathParam("user") int user) {
        }
    }

    @Test
    void aPrimitivePathParamNotInTheTemplateIsRefused() {
        assertRefused(UnknownPrimitivePathParam.class, "open(int)",
                "@PathParam(\"user\") of primitive type int names no variable of path '/rooms/{room}'", "use Integer", "§4.3");
    }

    @ServerEndpoint("/rooms/{room}")
    public static class PathParamOfBadType {
        @OnMessage
        public void message(String text, @PathParam("room") Thread room) {
        }
    }

    @Test
    void aPathParamOfAnUnconvertibleTypeIsRefused() {
        assertRefused(PathParamOfBadType.class, "message(String, Thread)", "cannot take a path segment", "§4.3");
    }

    @ServerEndpoint("/x")
    public static class PartialOfWrongType {
        @OnMessage
        public void part(Reader text, boolean last) {
        }
    }

    @Test
    void aPartialMessageOfAWrongTypeIsRefused() {
        assertRefused(PartialOfWrongType.class, "part(Reader, boolean)", "partial message parameter of type Reader",
                "a partial @OnMessage method takes String, ByteBuffer or byte[] and a boolean last");
    }

    @ServerEndpoint("/x")
    public static class NoMessageParameter {
        @OnMessage
        public void nothing(Session s) {
        }
    }

    @Test
    void anOnMessageWithoutMessageParameterIsRefused() {
        assertRefused(NoMessageParameter.class, "nothing(Session)", "has no message parameter", "§4.7");
    }

    @ServerEndpoint("/x")
    public static class NotPublic {
        @OnMessage
        void hidden(String text) {
        }
    }

    @Test
    void aNonPublicAnnotatedMethodIsRefused() {
        assertRefused(NotPublic.class, "hidden(String)", "is not public");
    }

    @ServerEndpoint("/x")
    public static class TwoAnnotations {
        @OnOpen
        @OnClose
        public void both(Session s) {
        }
    }

    @Test
    void aMethodWithTwoEventAnnotationsIsRefused() {
        assertRefused(TwoAnnotations.class, "both(Session)", "is annotated with");
    }

    @ServerEndpoint("/x/{a}/{a}")
    public static class RepeatedVariable {
    }

    @Test
    void aTemplateWithARepeatedVariableIsRefused() {
        assertRefused(RepeatedVariable.class, null, "variable {a} appears twice");
    }

    @ServerEndpoint("/x/pre{a}")
    public static class HalfVariable {
    }

    @Test
    void aVariableThatIsNotAWholeSegmentIsRefused() {
        assertRefused(HalfVariable.class, null, "segment 'pre{a}' is not a variable", "§3.1.1");
    }

    @SuppressWarnings("rawtypes") // a decoder that names no type is what this test deploys
    public static class Untyped implements Decoder.Text {
        @Override
        public Object decode(String s) {
            return s;
        }

        @Override
        public boolean willDecode(String s) {
            return true;
        }
    }

    @ServerEndpoint(value = "/x", decoders = Untyped.class)
    public static class RawDecoder {
    }

    @Test
    void aDecoderOfUnknownTypeIsRefused() {
        assertRefused(RawDecoder.class, null, "cannot tell which type decoder " + Untyped.class.getName() + " decodes");
    }

    @ServerEndpoint("/x")
    public static class Base {
        @OnMessage
        public void onMessage(String text) {
        }

        @OnMessage
        public void onBinary(ByteBuffer data) {
        }
    }

    @ServerEndpoint("/x")
    public static class Derived extends Base {
        @Override
        @OnMessage
        public void onMessage(String text) {
        }
    }

    @Test
    void aMethodOverriddenInASubclassCountsOnce() throws Exception {
        AnnotatedEndpointModel model = AnnotatedEndpointModel.of(Derived.class);
        assertThat(model.messageMethods()).hasSize(2);
    }
}
