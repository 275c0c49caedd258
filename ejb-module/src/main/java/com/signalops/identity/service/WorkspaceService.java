package com.signalops.identity.service;

import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.domain.AuditSource;
import com.signalops.audit.service.AuditTrail;
import com.signalops.identity.domain.BuiltInRole;
import com.signalops.identity.domain.Membership;
import com.signalops.identity.domain.PasswordHasher;
import com.signalops.identity.domain.Role;
import com.signalops.identity.domain.UserAccount;
import com.signalops.identity.domain.WorkspaceCreated;
import com.signalops.shared.BusinessException;
import com.signalops.tenancy.domain.TenantOwned;
import com.signalops.tenancy.domain.Workspace;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;

/** Creates workspaces, each with its four built-in roles and a first admin. */
@Stateless
public class WorkspaceService {

    private static final char[] PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "signalops")
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    private final PasswordHasher hasher = new PasswordHasher();
    private final Clock clock = Clock.systemUTC();

    /** Creates workspace {@code name} whose admin is {@code adminEmail}, with a random first password. */
    public WorkspaceCreated create(String name, String adminEmail, String adminName) {
        Instant now = clock.instant();
        String email = UserAccount.normaliseEmail(adminEmail);
        if (!em.createNamedQuery("UserAccount.findByEmail", UserAccount.class).setParameter("email", email).getResultList().isEmpty()) {
            throw new BusinessException("user.exists", "An account with this email exists already");
        }
        Workspace workspace = new Workspace(name, now);
        em.persist(workspace);
        em.flush();
        em.setProperty(TenantOwned.TENANT_PROPERTY, workspace.id().toString());
        Role admin = null;
        for (BuiltInRole builtIn : BuiltInRole.values()) {
            Role role = Role.builtIn(builtIn);
            em.persist(role);
            if (builtIn == BuiltInRole.ADMIN) {
                admin = role;
            }
        }
        UserAccount user = new UserAccount(email, adminName, now);
        char[] password = randomPassword();
        user.setPassword(hasher.hash(password), now);
        em.persist(user);
        em.persist(Membership.ofWorkspace(user, admin, now));
        em.flush();
        audit.record(AuditEntry.of(AuditAction.WORKSPACE_CREATE, AuditOutcome.SUCCESS).in(workspace.id())
                .by(ActorType.SYSTEM, null).via(AuditSource.UI).on(workspace.id()).build());
        return new WorkspaceCreated(workspace.id(), user.id(), email, password);
    }

    /** Whether any workspace exists. */
    public boolean anyExists() {
        return !em.createQuery("select w.id from Workspace w", Long.class).setMaxResults(1).getResultList().isEmpty();
    }

    private static char[] randomPassword() {
        char[] password = new char[20];
        for (int i = 0; i < password.length; i++) {
            password[i] = PASSWORD_ALPHABET[RANDOM.nextInt(PASSWORD_ALPHABET.length)];
        }
        return password;
    }
}
