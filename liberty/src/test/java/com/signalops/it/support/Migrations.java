package com.signalops.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The Flyway migrations the application ships, read from the source tree. */
public final class Migrations {

    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.+\\.sql");

    private Migrations() {
    }

    /** Every migration version, ascending. */
    public static List<String> versions() {
        Path folder = Path.of(System.getProperty("basedir", ".")).toAbsolutePath()
                .resolveSibling("ejb-module").resolve("src/main/resources/db/migration");
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> VERSIONED.matcher(f.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(m -> m.group(1))
                    .sorted(Comparator.comparingInt(Integer::parseInt))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The version the schema has once every migration ran. */
    public static String latest() {
        List<String> all = versions();
        return all.get(all.size() - 1);
    }
}
