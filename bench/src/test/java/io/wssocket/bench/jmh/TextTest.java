package io.wssocket.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 63, 64, 1024, 70000})
    void bothTextsAreExactlyTheSizeAskedAndRoundTripThroughAString(int size) {
        for (Text text : Text.values()) {
            byte[] bytes = text.utf8(size, Payloads.SEED);

            assertThat(bytes).as(text.name()).hasSize(size);
            assertThat(new String(bytes, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8))
                    .as(text.name() + " is valid UTF-8: no replacement characters")
                    .isEqualTo(bytes);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 1024, 70000})
    void asciiHasNoHighBitAndMixedHasNoAsciiButItsLastByte(int size) {
        byte[] ascii = Text.ASCII.utf8(size, Payloads.SEED);
        byte[] mixed = Text.MIXED.utf8(size, Payloads.SEED);

        for (byte b : ascii) {
            assertThat(b & 0x80).isZero();
        }
        for (int i = 0; i < size - 1; i++) {
            assertThat(mixed[i] & 0x80).as("byte %d", i).isNotZero();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1024, 70000})
    void mixedTakesTwoThreeAndFourByteCharactersInRoughlyEqualNumbers(int size) {
        String mixed = new String(Text.MIXED.utf8(size, Payloads.SEED), StandardCharsets.UTF_8);
        Map<Integer, Long> byWidth = mixed.codePoints().boxed()
                .collect(Collectors.groupingBy(c -> Character.toString(c).getBytes(StandardCharsets.UTF_8).length,
                        Collectors.counting()));
        long characters = mixed.codePointCount(0, mixed.length());

        for (int width = 2; width <= 4; width++) {
            assertThat(byWidth.getOrDefault(width, 0L)).as("%d-byte characters", width)
                    .isBetween(characters / 4, characters / 2);
        }
    }
}
