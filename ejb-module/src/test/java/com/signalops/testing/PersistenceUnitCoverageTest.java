package com.signalops.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.MappedSuperclass;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The test persistence unit lists every entity, mapped superclass and converter of the main code. */
class PersistenceUnitCoverageTest {

    @Test
    void testUnitListsEveryPersistentClass() throws Exception {
        Set<String> listed = new TreeSet<>();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/persistence.xml")) {
            Matcher match = Pattern.compile("<class>([^<]+)</class>").matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            while (match.find()) {
                listed.add(match.group(1));
            }
        }
        Set<String> persistent = new TreeSet<>();
        Path classes = Path.of("target/classes");
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, getClass().getClassLoader());
                if (type.isAnnotationPresent(Entity.class) || type.isAnnotationPresent(MappedSuperclass.class)
                        || type.isAnnotationPresent(Converter.class)) {
                    persistent.add(name);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        assertEquals(persistent, listed);
    }
}
