package io.wssocket.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * The seed corpora of the fuzz tests, kept in src/test/resources in the inputs directory that
 * Jazzer reads for each fuzz test ({@code <package>/<class>Inputs/<method>/}): replayed by every
 * test run, and the start of every fuzzing run. {@link #main} writes them (docs/fuzzing.md); the
 * crash inputs that fuzzing adds next to them are kept as they are.
 */
public final class SeedCorpus {

    /** One fuzz test, its seeds, and how its reference sums up the outcome of a case. */
    record Target(Class<?> fuzzTest, String method, List<Seed> seeds, Function<FuzzCase, String> outcome) {
        /** Where Jazzer looks for the fuzz test's inputs, relative to the test resources. */
        String inputsDirectory() {
            return fuzzTest.getPackageName().replace('.', '/') + "/" + fuzzTest.getSimpleName() + "Inputs/" + method;
        }
    }

    private SeedCorpus() {
    }

    static List<Target> targets() {
        return List.of(
                new Target(FrameReaderFuzzTest.class, "readsWhatTheReferenceReads", FrameReaderSeeds.seeds(),
                        FrameReaderSeeds::outcome),
                new Target(Utf8ValidatorFuzzTest.class, "agreesWithTheStrictJdkDecoder", Utf8ValidatorSeeds.seeds(),
                        Utf8ValidatorSeeds::outcome),
                new Target(HttpRequestParserFuzzTest.class, "parsesAlikeHoweverSplit", HandshakeSeeds.requests(),
                        HandshakeSeeds::requestOutcome),
                new Target(HttpResponseParserFuzzTest.class, "parsesAlikeHoweverSplit", HandshakeSeeds.responses(),
                        HandshakeSeeds::responseOutcome));
    }

    /** Writes every seed under the test resources directory given as the only argument. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: SeedCorpus <module>/src/test/resources");
        }
        Path resources = Path.of(args[0]);
        for (Target target : targets()) {
            Path dir = resources.resolve(target.inputsDirectory());
            Files.createDirectories(dir);
            for (Seed seed : target.seeds()) {
                Files.write(dir.resolve(seed.name()), seed.fuzzCase().seed());
            }
            System.out.println(target.seeds().size() + " seeds in " + dir);
        }
    }
}
