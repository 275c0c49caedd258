package com.signalops.integration.domain;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * What a sealed secret belongs to: its purpose, workspace and store. Together with the key version
 * it is the associated data of the encryption, so a ciphertext moved to another store, workspace,
 * purpose or version does not open.
 */
public record SecretContext(String purpose, long workspaceId, long storeId) {

    private static final Pattern PURPOSE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    public SecretContext {
        if (purpose == null || !PURPOSE.matcher(purpose).matches()) {
            throw new IllegalArgumentException("A secret's purpose is 1 to 64 lower-case letters, digits or '-'");
        }
    }

    /**
     * The associated data for key {@code version}, as UTF-8 bytes of
     * {@code signalops-vault/1|<purpose>|<workspaceId>|<storeId>|<version>} (no part can contain
     * {@code |}, so no two contexts give the same bytes).
     */
    public byte[] associatedData(int version) {
        return ("signalops-vault/1|" + purpose + "|" + workspaceId + "|" + storeId + "|" + version).getBytes(StandardCharsets.UTF_8);
    }
}
