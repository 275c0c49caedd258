package com.signalops.identity.service;

import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.domain.AuditSource;
import com.signalops.audit.service.AuditTrail;
import com.signalops.identity.domain.Invitation;
import com.signalops.identity.domain.Membership;
import com.signalops.identity.domain.PasswordHasher;
import com.signalops.identity.domain.PasswordPolicy;
import com.signalops.identity.domain.Permission;
import com.signalops.identity.domain.Role;
import com.signalops.identity.domain.SignedIn;
import com.signalops.identity.domain.UserAccount;
import com.signalops.shared.BusinessException;
import com.signalops.shared.Digests;
import com.signalops.tenancy.domain.District;
import com.signalops.tenancy.domain.Store;
import com.signalops.tenancy.domain.TenantOwned;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Invitations: an admin (or a district manager) invites an email address with a role; the
 * link in the email is single-use and expires after 72 hours; accepting it sets the account's
 * password and creates the membership.
 */
@Stateless
public class InvitationService {

    private static final Logger LOG = Logger.getLogger(InvitationService.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "signalops")
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    @Resource(lookup = "mail/signalops")
    private Session mail;

    private final PasswordHasher hasher = new PasswordHasher();
    private final PasswordPolicy policy = new PasswordPolicy();
    private final Clock clock = Clock.systemUTC();

    /** The roles of workspace {@code workspaceId} an invitation can give. */
    public List<Role> roles(long workspaceId) {
        em.setProperty(TenantOwned.TENANT_PROPERTY, Long.toString(workspaceId));
        return em.createNamedQuery("Role.findAll", Role.class).getResultList();
    }

    /**
     * Invites {@code email} to workspace {@code workspaceId} with role {@code roleCode} and mails the
     * link, built on {@code consoleUrl} (e.g. {@code https://console.example.com}). The role may not
     * hold a permission that the inviter's active role lacks, and the membership it gives reaches no
     * further than that role's scope: a district manager's invitee gets the same district.
     */
    public void invite(long workspaceId, long inviterId, SignedIn.Grant inviter, String email, String roleCode, String consoleUrl) {
        Set<Permission> inviterPermissions = inviter.permissions();
        Instant now = clock.instant();
        em.setProperty(TenantOwned.TENANT_PROPERTY, Long.toString(workspaceId));
        Role role = em.createNamedQuery("Role.findByCode", Role.class).setParameter("code", roleCode).getResultStream()
                .findFirst().orElseThrow(() -> new BusinessException("role.unknown", "No such role"));
        // nobody hands out more than they hold themselves
        if (!inviterPermissions.containsAll(role.permissions())) {
            audit.recordAlone(AuditEntry.of(AuditAction.INVITATION_CREATE, AuditOutcome.DENIED).in(workspaceId)
                    .by(ActorType.USER, inviterId).via(AuditSource.UI).on("role", role.id()).build());
            throw new BusinessException("role.too-powerful", "That role has permissions the inviter does not have");
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Invitation invitation = new Invitation(email, role, Digests.sha256(token), inviterId, now);
        invitation.limitTo(inviter);
        em.persist(invitation);
        em.flush();
        send(invitation, consoleUrl + "/invitation.xhtml?token=" + token);
        audit.record(AuditEntry.of(AuditAction.INVITATION_CREATE, AuditOutcome.SUCCESS).in(workspaceId).by(ActorType.USER, inviterId)
                .via(AuditSource.UI).on(invitation.id()).after(snapshot(invitation, null)).build());
    }

    /**
     * Accepts the invitation of {@code token}: the account gets {@code password} (which must pass the
     * policy) and the invited role. Unknown, used and expired links are refused alike.
     */
    public void accept(String token, String displayName, char[] password) {
        Instant now = clock.instant();
        try {
            String digest = Digests.sha256(token == null ? "" : token);
            // which workspace a link belongs to is asked across workspaces, like sign-in
            List<?> workspace = em.createNativeQuery("SELECT workspace_id FROM invitation WHERE token_digest = ?")
                    .setParameter(1, digest).getResultList();
            if (workspace.isEmpty()) {
                throw new BusinessException("invitation.invalid", "This invitation link is not valid");
            }
            long workspaceId = ((Number) workspace.get(0)).longValue();
            em.setProperty(TenantOwned.TENANT_PROPERTY, Long.toString(workspaceId));
            Invitation invitation = em.createNamedQuery("Invitation.findByToken", Invitation.class).setParameter("digest", digest)
                    .getSingleResult();
            if (!invitation.isOpen(now)) {
                throw new BusinessException("invitation.invalid", "This invitation link is not valid");
            }
            Map<String, Object> before = snapshot(invitation, null);
            policy.problemWith(password, invitation.email()).ifPresent(problem -> {
                throw new BusinessException(problem, "The password is not acceptable");
            });
            UserAccount user = em.createNamedQuery("UserAccount.findByEmail", UserAccount.class)
                    .setParameter("email", invitation.email()).getResultStream().findFirst().orElse(null);
            if (user == null) {
                user = new UserAccount(invitation.email(), displayName, now);
                em.persist(user);
            } else {
                user.rename(displayName);
            }
            user.setPassword(hasher.hash(password), now);
            em.persist(switch (invitation.scope()) {
                case WORKSPACE -> Membership.ofWorkspace(user, invitation.role(), now);
                case DISTRICT -> Membership.ofDistrict(user, invitation.role(), em.find(District.class, invitation.districtId()), now);
                case STORE -> Membership.ofStore(user, invitation.role(), em.find(Store.class, invitation.storeId()), now);
            });
            invitation.accept(now);
            em.flush();
            audit.record(AuditEntry.of(AuditAction.INVITATION_ACCEPT, AuditOutcome.SUCCESS).in(workspaceId).by(ActorType.USER, user.id())
                    .named(user.displayName()).via(AuditSource.UI).on(invitation.id()).before(before)
                    .after(snapshot(invitation, user.id())).build());
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /**
     * An invitation as the audit trail keeps it (the email reduced by the redactor to a masked
     * preview and digest; never the link's token): role, scope, expiry and, once accepted, the user.
     */
    private static Map<String, Object> snapshot(Invitation invitation, Long acceptedBy) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", invitation.id());
        values.put("email", invitation.email());
        values.put("role", invitation.role().code());
        values.put("scope", invitation.scope().name());
        values.put("districtId", invitation.districtId());
        values.put("storeId", invitation.storeId());
        values.put("expiresAt", invitation.expiresAt().toString());
        values.put("acceptedBy", acceptedBy);
        return values;
    }

    private void send(Invitation invitation, String link) {
        try {
            MimeMessage message = new MimeMessage(mail);
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(invitation.email()));
            message.setSubject("You are invited to SignalOps");
            message.setText("You have been invited to a SignalOps workspace as " + invitation.role().name() + ".\n\n"
                    + "Open this link to set your password (it works once, until " + invitation.expiresAt() + "):\n" + link
                    + "\n\nIf you did not expect this, ignore this email.\n", "UTF-8");
            Transport.send(message);
        } catch (MessagingException e) {
            LOG.warning("Invitation email not sent: " + e.getClass().getSimpleName());
            throw new BusinessException("invitation.mail-failed", "The invitation email could not be sent");
        }
    }
}
