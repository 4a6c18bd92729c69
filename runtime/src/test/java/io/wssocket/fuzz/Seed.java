package io.wssocket.fuzz;

/**
 * One seed of a fuzz test's corpus: the file name, the case it lays out, and the outcome the
 * reference model gives for it, so that {@link SeedCorpusTest} can tell that a seed still means
 * what its name says after the harness or the reference changed.
 */
record Seed(String name, FuzzCase fuzzCase, String expected) {
}
