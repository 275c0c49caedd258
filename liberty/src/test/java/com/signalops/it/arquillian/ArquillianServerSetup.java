package com.signalops.it.arquillian;

import com.signalops.it.support.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Prepares what Arquillian's managed Liberty needs before it starts the server: an empty
 * database (named by the SIGNALOPS_DB_* environment the server inherits), the local JMX
 * connector through which Arquillian deploys, and a credentials vault key for the run. Register
 * it before the Arquillian extension.
 */
public final class ArquillianServerSetup implements BeforeAllCallback, ExtensionContext.Store.CloseableResource {

    private static TestDatabase database;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        synchronized (ArquillianServerSetup.class) {
            if (database == null) {
                database = TestDatabase.start("signalops_arq");
                Files.createDirectories(connectorConfig().getParent());
                Files.writeString(connectorConfig(), """
                        <server>
                          <!-- written by the Arquillian tests, removed when they end -->
                          <featureManager><feature>localConnector-1.0</feature></featureManager>
                          <!-- a credentials vault key for this run only -->
                          <variable name="SIGNALOPS_VAULT_KEYS" value="1:%s"/>
                          <!-- and an email hash key -->
                          <variable name="SIGNALOPS_EMAIL_HASH_KEY" value="%s"/>
                          <!-- and an unsubscribe link key -->
                          <variable name="SIGNALOPS_UNSUBSCRIBE_KEY" value="%s"/>
                        </server>
                        """.formatted(randomVaultKey(), randomVaultKey(), randomVaultKey()));
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(getClass().getName(), this);
            }
        }
    }

    /** 32 random bytes in base64: a vault key or an email hash key for this run only. */
    private static String randomVaultKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    public static TestDatabase database() {
        return database;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(connectorConfig());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            database.stop();
        }
    }

    private static Path connectorConfig() {
        return Path.of(System.getProperty("signalops.server.dir")).resolve("configDropins/overrides/arquillian-local-connector.xml");
    }
}
