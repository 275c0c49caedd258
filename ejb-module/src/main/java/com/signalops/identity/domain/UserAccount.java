package com.signalops.identity.domain;

import com.signalops.shared.Names;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A person who can sign in. Accounts are not tenant-owned: what an account reaches in a
 * workspace comes from its memberships there.
 */
@Entity
@Table(name = "app_user")
@NamedQuery(name = "UserAccount.findByEmail", query = "select u from UserAccount u where u.email = :email")
public class UserAccount {

    public static final int EMAIL_LENGTH = 254;
    public static final int NAME_LENGTH = 120;

    /** Whether the account may sign in. */
    public enum Status { INVITED, ACTIVE, DISABLED, ERASED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "email", nullable = false, length = EMAIL_LENGTH)
    private String email;

    @Column(name = "display_name", nullable = false, length = NAME_LENGTH)
    private String displayName;

    @Column(name = "password_hash", length = 200)
    private String passwordHash;

    @Column(name = "status", nullable = false, length = 20)
    private String status;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "password_changed_at")
    private Instant passwordChangedAt;

    protected UserAccount() {
    }

    public UserAccount(String email, String displayName, Instant now) {
        this.email = normaliseEmail(email);
        rename(displayName);
        this.status = Status.INVITED.name();
        this.createdAt = Objects.requireNonNull(now);
    }

    /** Sign-in names compare trimmed and lower-cased. */
    public static String normaliseEmail(String email) {
        String normalised = Objects.requireNonNull(email, "email").trim().toLowerCase(Locale.ROOT);
        if (normalised.length() > EMAIL_LENGTH || normalised.indexOf('@') < 1 || normalised.endsWith("@")) {
            throw new IllegalArgumentException("Not an email address");
        }
        return normalised;
    }

    public void rename(String newName) {
        this.displayName = Names.require(newName, NAME_LENGTH, "name");
    }

    /** Sets a password that has passed the {@link PasswordPolicy}; the account becomes active. */
    public void setPassword(String newHash, Instant now) {
        this.passwordHash = Objects.requireNonNull(newHash);
        this.passwordChangedAt = now;
        if (status() == Status.INVITED) {
            this.status = Status.ACTIVE.name();
        }
    }

    public void disable() {
        this.status = Status.DISABLED.name();
    }

    public boolean canSignIn() {
        return status() == Status.ACTIVE && passwordHash != null;
    }

    public Long id() {
        return id;
    }

    public String email() {
        return email;
    }

    public String displayName() {
        return displayName;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public Status status() {
        return Status.valueOf(status);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant passwordChangedAt() {
        return passwordChangedAt;
    }
}
