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
    void everyTextIsExactlyTheSizeAskedAndRoundTripsThroughAString(int size) {
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

    @ParameterizedTest
    @ValueSource(ints = {1024, 70000})
    void theLanguagesMixAsciiAndWiderCharactersAsTheirScriptsDo(int size) {
        String latin = new String(Text.LATIN.utf8(size, Payloads.SEED), StandardCharsets.UTF_8);
        long accented = latin.chars().filter(c -> c >= 0x80).count();
        assertThat(latin.chars().filter(c -> c >= 0x80)).allMatch(c -> c >= 0xE0 && c <= 0xFF);
        assertThat(accented).isBetween((long) latin.length() / 32, (long) latin.length() / 8);

        String cyrillic = new String(Text.CYRILLIC.utf8(size, Payloads.SEED), StandardCharsets.UTF_8);
        long spaces = cyrillic.chars().filter(c -> c == ' ').count();
        assertThat(cyrillic.chars().filter(c -> c != ' ')).allMatch(c -> c >= 0x430 && c < 0x450);
        assertThat(spaces).isBetween((long) cyrillic.length() / 12, (long) cyrillic.length() / 3);

        String cjk = new String(Text.CJK.utf8(size, Payloads.SEED), StandardCharsets.UTF_8);
        assertThat(cjk.substring(0, cjk.length() - 2).chars()).allMatch(c -> c >= 0x4E00 && c < 0xA000);
    }
}
