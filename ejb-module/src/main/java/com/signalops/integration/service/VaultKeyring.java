package com.signalops.integration.service;

import com.signalops.integration.domain.CredentialVault;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * The credentials vault with the keys of the configuration: {@value #PROPERTY} (environment
 * {@code SIGNALOPS_VAULT_KEYS}, also read as the server variable of that name). Read once when the
 * application starts; a missing or malformed list stops the start, with a message that names no
 * key material.
 */
@ApplicationScoped
public class VaultKeyring {

    static final String PROPERTY = "signalops.vault.keys";
    static final String VARIABLE = "SIGNALOPS_VAULT_KEYS";
    private static final Logger LOG = Logger.getLogger(VaultKeyring.class.getName());

    @Inject
    private Config config;

    private CredentialVault vault;

    protected VaultKeyring() {
    }

    /** A keyring of a vault made elsewhere (tests). */
    VaultKeyring(CredentialVault vault) {
        this.vault = vault;
    }

    @PostConstruct
    void load() {
        if (vault == null) {
            vault = fromConfiguration(config.getOptionalValue(PROPERTY, String.class)
                    .or(() -> config.getOptionalValue(VARIABLE, String.class)).orElse(null));
            LOG.log(Level.INFO, "Credentials vault: {0}, sealing with key version {1}",
                    new Object[] {vault, Integer.toString(vault.newestVersion())});
        }
    }

    /** Reads the keys when the application starts, so that a bad key list stops the start. */
    void checkAtStart(@Observes Startup startup) {
        vault();
    }

    public CredentialVault vault() {
        return vault;
    }

    /**
     * The vault of {@code keyList}.
     *
     * @throws IllegalStateException naming what is wrong with the list, never its keys
     */
    static CredentialVault fromConfiguration(String keyList) {
        try {
            return CredentialVault.of(keyList);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(VARIABLE + " refused: " + e.getMessage());
        }
    }
}
