package io.wssocket.samples.secure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The users and their tokens, read from a properties file {@code <user>=<token>[,<role>...]}.
 * Only SHA-256 digests of the tokens are kept in memory, and lookups compare digests, so a heap
 * dump or a log of this object reveals no token.
 */
public final class Tokens {
    /** Who a token belongs to. */
    public record User(String name, Set<String> roles) {
    }

    private final Map<String, User> byDigest;

    private Tokens(Map<String, User> byDigest) {
        this.byDigest = Map.copyOf(byDigest);
    }

    public static Tokens load(Path file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        Map<String, User> users = new HashMap<>();
        for (String name : properties.stringPropertyNames()) {
            String[] parts = properties.getProperty(name).split(",");
            String token = parts[0].trim();
            if (token.length() < 16) {
                throw new IllegalArgumentException("the token of " + name + " in " + file + " is shorter than 16 characters");
            }
            Set<String> roles = Set.of(java.util.Arrays.copyOfRange(parts, 1, parts.length)).stream()
                    .map(String::trim).collect(java.util.stream.Collectors.toUnmodifiableSet());
            users.put(digest(token), new User(name, roles));
        }
        return new Tokens(users);
    }

    Optional<User> byToken(String token) {
        return Optional.ofNullable(byDigest.get(digest(token)));
    }

    private static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    @Override
    public String toString() {
        return "Tokens[" + byDigest.size() + " users]";
    }
}
