package com.signalops.privacy.domain;

import com.signalops.integration.domain.CredentialVault;
import com.signalops.integration.domain.SealedSecret;
import com.signalops.integration.domain.SecretContext;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The export folder: {@code <root>/<workspace>/<export file name>}, folders and files the owner's
 * only. A file is written to a temporary file beside it and moved into place whole, so a reader
 * never sees half of one. A customer's export is sealed by the credentials vault (purpose
 * {@value #SEALED_PURPOSE}, its workspace and store in the associated data): {@value #MAGIC},
 * the key version, the nonce and the ciphertext.
 */
public final class ExportFiles {

    public static final String SEALED_PURPOSE = "customer-data-export";
    private static final String MAGIC = "SOX1";

    /** Writes a file's content. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws Exception;
    }

    private final Path root;

    public ExportFiles(Path root) {
        this.root = root;
    }

    /** Where export {@code fileName} of workspace {@code workspaceId} lives (it may not exist). */
    public Path file(long workspaceId, String fileName) {
        return root.resolve(Long.toString(workspaceId)).resolve(fileName);
    }

    /** Writes {@code content} as {@code fileName} of workspace {@code workspaceId}, replacing a file left by an earlier try; answers its size. */
    public long write(long workspaceId, String fileName, Content content) throws Exception {
        Path target = file(workspaceId, fileName);
        Path folder = folder(target.getParent());
        Path temporary = Files.createTempFile(folder, "export-", ".part",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                content.writeTo(out);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return Files.size(target);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Deletes export {@code fileName} of workspace {@code workspaceId}, if it is there. */
    public void delete(long workspaceId, String fileName) throws IOException {
        Files.deleteIfExists(file(workspaceId, fileName));
    }

    /** {@code json} sealed for store {@code storeId} of workspace {@code workspaceId}, as the file holds it. */
    public static Content sealed(CredentialVault vault, String json, long workspaceId, long storeId) {
        SealedSecret sealed = vault.seal(json, new SecretContext(SEALED_PURPOSE, workspaceId, storeId));
        return out -> {
            DataOutputStream data = new DataOutputStream(out);
            data.writeBytes(MAGIC);
            data.writeInt(sealed.keyVersion());
            data.writeInt(sealed.nonce().length);
            data.write(sealed.nonce());
            data.writeInt(sealed.ciphertext().length);
            data.write(sealed.ciphertext());
            data.flush();
        };
    }

    /** The JSON a sealed file of store {@code storeId} of workspace {@code workspaceId} holds. */
    public static String open(CredentialVault vault, InputStream in, long workspaceId, long storeId) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] magic = data.readNBytes(MAGIC.length());
        if (!MAGIC.equals(new String(magic, java.nio.charset.StandardCharsets.US_ASCII))) {
            throw new IOException("Not a sealed export file");
        }
        int version = data.readInt();
        byte[] nonce = data.readNBytes(bounded(data.readInt(), CredentialVault.NONCE_BYTES));
        byte[] ciphertext = data.readNBytes(bounded(data.readInt(), Integer.MAX_VALUE - 8));
        return vault.open(new SealedSecret(version, nonce, ciphertext), new SecretContext(SEALED_PURPOSE, workspaceId, storeId));
    }

    private static int bounded(int length, int max) throws IOException {
        if (length < 0 || length > max) {
            throw new IOException("A sealed export file's lengths are not valid");
        }
        return length;
    }

    private static Path folder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder);
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        }
        return folder;
    }
}
