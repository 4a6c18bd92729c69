package io.wssocket.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.driver.FuzzedDataProviderImpl;
import io.wssocket.fuzz.SeedCorpus.Target;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The committed seed corpora are what {@link SeedCorpus} makes, each seed reads back through
 * Jazzer's own {@code FuzzedDataProvider} as the case it was made from, and reaches the outcome its
 * name promises: so a change to a harness's input layout or to a reference cannot quietly turn the
 * seeds into noise.
 */
class SeedCorpusTest {

    @TestFactory
    Stream<DynamicTest> everySeedIsCommittedReadsBackAndMeansWhatItSays() {
        return SeedCorpus.targets().stream().flatMap(target -> target.seeds().stream()
                .map(seed -> DynamicTest.dynamicTest(target.method() + "/" + seed.name(), () -> check(target, seed))));
    }

    private static void check(Target target, Seed seed) throws IOException {
        byte[] bytes = seed.fuzzCase().seed();
        String resource = "/" + target.inputsDirectory() + "/" + seed.name();
        try (InputStream committed = SeedCorpusTest.class.getResourceAsStream(resource)) {
            assertThat(committed).as("%s is committed; run SeedCorpus (docs/fuzzing.md)", resource).isNotNull();
            assertThat(committed.readAllBytes()).as("%s is up to date; run SeedCorpus (docs/fuzzing.md)", resource)
                    .isEqualTo(bytes);
        }
        // Jazzer's FuzzedDataProvider, as it hands the seed to the fuzz test in both modes.
        try (FuzzedDataProviderImpl data = FuzzedDataProviderImpl.withJavaData(bytes)) {
            assertThat(FuzzCase.read(data)).isEqualTo(seed.fuzzCase());
        }
        assertThat(target.outcome().apply(seed.fuzzCase())).as("outcome of %s", seed.name()).isEqualTo(seed.expected());
    }

    @TestFactory
    Stream<DynamicTest> seedNamesAreUniquePerFuzzTest() {
        return SeedCorpus.targets().stream().map(target -> DynamicTest.dynamicTest(target.method(), () -> {
            List<String> names = target.seeds().stream().map(Seed::name).toList();
            assertThat(names).doesNotHaveDuplicates();
        }));
    }
}
