package com.signalops.jobs.credentials;

import com.signalops.integration.service.StoreTokenRekeying;
import com.signalops.integration.service.VaultKeyring;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Seals a stale token again under the newest key, checked to open to the same value. A token
 * that does not open throws {@code SecretNotOpened}, which the job skips.
 */
@Named
@Dependent
public class TokenResealer implements ItemProcessor {

    @Inject
    private VaultKeyring keyring;

    @Override
    public Object processItem(Object item) {
        return new StoreTokenRekeying(keyring.vault()).reseal((StoreTokenRekeying.StaleToken) item);
    }
}
