package com.signalops.testing;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import com.signalops.system.service.SchemaMigrator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;

/**
 * A MariaDB database migrated by the application's Flyway migrations, with the application's
 * entities on EclipseLink outside the server (persistence unit {@code signalops-test}).
 */
public final class JpaTestDatabase implements AutoCloseable {

    private static final String TENANT_PROPERTY = "signalops.workspace-id";

    private static final String RETENTION_PASSWORD = "retention-test-only";

    private final EmbeddedMariaDb mariaDb;
    private final String name;
    private final EntityManagerFactory factory;

    private JpaTestDatabase(EmbeddedMariaDb mariaDb, String name, EntityManagerFactory factory) {
        this.mariaDb = mariaDb;
        this.name = name;
        this.factory = factory;
    }

    /** An empty database {@code name}, migrated, on the embedded test MariaDB. */
    public static JpaTestDatabase start(String name) throws SQLException {
        EmbeddedMariaDb mariaDb = EmbeddedMariaDb.start("test", Integer.getInteger("signalops.test.db.port", 3316));
        String password = "jpa-test-only";
        mariaDb.recreateDatabase(name, name, password);
        Flyway.configure().dataSource(mariaDb.jdbcUrl(name), name, password).locations("classpath:db/migration")
                .placeholders(SchemaMigrator.placeholders(EmbeddedMariaDb.retentionUser(name))).load().migrate();
        mariaDb.ensureRetentionAccount(name, EmbeddedMariaDb.retentionUser(name), RETENTION_PASSWORD);
        Map<String, String> properties = new HashMap<>();
        properties.put("jakarta.persistence.jdbc.driver", "org.mariadb.jdbc.Driver");
        properties.put("jakarta.persistence.jdbc.url", mariaDb.jdbcUrl(name));
        properties.put("jakarta.persistence.jdbc.user", name);
        properties.put("jakarta.persistence.jdbc.password", password);
        return new JpaTestDatabase(mariaDb, name, Persistence.createEntityManagerFactory("signalops-test", properties));
    }

    public EmbeddedMariaDb mariaDb() {
        return mariaDb;
    }

    /** A connection as the audit retention account, which only the retention sweep uses. */
    public Connection retentionConnection() throws SQLException {
        return DriverManager.getConnection(mariaDb.jdbcUrl(name), EmbeddedMariaDb.retentionUser(name), RETENTION_PASSWORD);
    }

    /** Runs {@code work} in one transaction of a persistence context of workspace {@code workspaceId}. */
    public <T> T inWorkspace(long workspaceId, Function<EntityManager, T> work) {
        return inTransaction(Map.of(TENANT_PROPERTY, Long.toString(workspaceId)), work);
    }

    /** Like {@link #inWorkspace(long, Function)}, for work that answers nothing. */
    public void runInWorkspace(long workspaceId, Consumer<EntityManager> work) {
        inWorkspace(workspaceId, em -> {
            work.accept(em);
            return null;
        });
    }

    /**
     * Calls {@code call} on {@code bean}, a service EJB, in one transaction, wired as the container
     * would wire it (see {@link ContainerStandIn}); a failing call rolls the transaction back.
     */
    public <S, T> T call(Supplier<S> bean, Function<S, T> call) {
        return withoutWorkspace(em -> call.apply(ContainerStandIn.wire(bean.get(), em, this)));
    }

    /** Runs {@code work} in a persistence context that belongs to no workspace. */
    public <T> T withoutWorkspace(Function<EntityManager, T> work) {
        return inTransaction(Map.of(), work);
    }

    private <T> T inTransaction(Map<String, String> properties, Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager(properties);
        try {
            em.getTransaction().begin();
            T result = work.apply(em);
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    @Override
    public void close() {
        factory.close();
        mariaDb.stop();
    }
}
