package com.signalops.ear;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the built EAR must and must not carry. */
class EarContentsIT {

    private static List<String> entries;
    private static String applicationXml;

    @BeforeAll
    static void open() throws IOException {
        try (JarFile ear = new JarFile(System.getProperty("signalops.ear"))) {
            entries = ear.stream().map(ZipEntry::getName).toList();
            ZipEntry descriptor = ear.getEntry("META-INF/application.xml");
            assertNotNull(descriptor, "application.xml");
            applicationXml = new String(ear.getInputStream(descriptor).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void bundlesTheThreeModulesWithTheConsoleAtTheRoot() {
        assertTrue(entries.contains("signalops-ejb.jar"), entries.toString());
        assertTrue(entries.contains("signalops-batch.jar"), entries.toString());
        assertTrue(entries.contains("signalops-web.war"), entries.toString());
        assertTrue(applicationXml.contains("<context-root>/</context-root>"), applicationXml);
    }

    @Test
    void bringsFlywayButNotTheJdbcDriverNorServerApis() {
        assertTrue(entries.stream().anyMatch(e -> e.startsWith("lib/flyway-core")), entries.toString());
        assertTrue(entries.stream().anyMatch(e -> e.startsWith("lib/flyway-mysql")), entries.toString());
        // The driver is the server's (copyDependencies); the EE and MicroProfile APIs are provided by Liberty.
        assertFalse(entries.stream().anyMatch(e -> e.contains("mariadb-java-client")), entries.toString());
        assertFalse(entries.stream().anyMatch(e -> e.contains("jakartaee-api") || e.contains("microprofile")), entries.toString());
    }
}
