package io.wssocket.interop.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version an installed program prints for {@code --version} ({@code v20.20.2},
 * {@code Chromium 156.0.8078.108 built on Debian}): its first dotted number. Empty when the program
 * does not run, prints no such number, or takes longer than {@link #TIMEOUT_SECONDS}.
 */
final class InstalledVersion {
    static final long TIMEOUT_SECONDS = 20;
    private static final Pattern DOTTED_NUMBER = Pattern.compile("\\d+(?:\\.\\d+)+");

    private InstalledVersion() {
    }

    static Optional<String> of(String executable) {
        Path output = null;
        Process process = null;
        try {
            // Output to a file: the child never blocks on a full pipe, and no reader thread is needed.
            output = Files.createTempFile("version", ".txt");
            process = new ProcessBuilder(List.of(executable, "--version")).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                return Optional.empty();
            }
            return firstDottedNumber(Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            if (process != null) {
                process.destroyForcibly();
            }
            deleteQuietly(output);
        }
    }

    static Optional<String> firstDottedNumber(String text) {
        Matcher number = DOTTED_NUMBER.matcher(text);
        return number.find() ? Optional.of(number.group()) : Optional.empty();
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit(); // a temporary file of a few bytes; the JVM's exit removes it
        }
    }
}
