package com.signalops.commerce.service;

import com.signalops.commerce.domain.ImportResource;
import com.signalops.shared.BusinessException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.eclipse.microprofile.config.Config;

/**
 * Where import files live: {@code <folder>/<workspace>/<import>/<resource>.jsonl}, the folder from
 * {@value #VARIABLE} (a server variable, default under the server's output folder). Uploads are
 * streamed to a staging file first (never held in memory), then placed under their import. Folders
 * and files are the owner's only.
 */
@ApplicationScoped
public class ImportFolder {

    static final String VARIABLE = "SIGNALOPS_IMPORT_DIR";
    static final String PROPERTY = "signalops.import.dir";
    private static final int BUFFER = 64 * 1024;

    @Inject
    private Config config;

    private Path root;

    protected ImportFolder() {
    }

    /** The folder {@code root} (tests). */
    public ImportFolder(Path root) {
        this.root = root;
    }

    @PostConstruct
    void load() {
        if (root == null) {
            root = Path.of(config.getOptionalValue(PROPERTY, String.class).or(() -> config.getOptionalValue(VARIABLE, String.class))
                    .orElseThrow(() -> new IllegalStateException(VARIABLE + " is not set")));
        }
    }

    /**
     * Streams {@code body} into a new staging file, at most {@code maxBytes} of it.
     *
     * @throws BusinessException {@code import.too-large} beyond {@code maxBytes}, {@code import.empty} for no bytes
     */
    public Path stage(InputStream body, long maxBytes) {
        Path staged;
        try {
            Path staging = folder(root.resolve("staging"));
            staged = Files.createTempFile(staging, "upload-", ".jsonl", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
        } catch (IOException e) {
            throw new UncheckedIOException("The import staging folder cannot be written", e);
        }
        long total = 0;
        try (OutputStream out = Files.newOutputStream(staged)) {
            byte[] buffer = new byte[BUFFER];
            for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                total += read;
                if (total > maxBytes) {
                    throw new BusinessException("import.too-large", "An import file may have at most " + maxBytes + " bytes");
                }
                out.write(buffer, 0, read);
            }
        } catch (IOException e) {
            discard(staged);
            throw new BusinessException("import.unreadable", "The upload could not be read to its end");
        } catch (RuntimeException e) {
            discard(staged);
            throw e;
        }
        if (total == 0) {
            discard(staged);
            throw new BusinessException("import.empty", "The upload is empty");
        }
        return staged;
    }

    /** Moves {@code staged} to its place as {@code resource}'s file of import {@code importId}. */
    public Path place(Path staged, long workspaceId, long importId, ImportResource resource) {
        try {
            Path target = file(workspaceId, importId, resource);
            folder(target.getParent());
            return Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("An import file cannot be placed", e);
        }
    }

    /** Where {@code resource}'s file of import {@code importId} lives (it may not exist). */
    public Path file(long workspaceId, long importId, ImportResource resource) {
        return root.resolve(Long.toString(workspaceId)).resolve(Long.toString(importId)).resolve(resource.fileName());
    }

    /** Deletes a staging file that will not be placed. */
    public void discard(Path staged) {
        try {
            Files.deleteIfExists(staged);
        } catch (IOException e) {
            throw new UncheckedIOException("A staging file cannot be deleted", e);
        }
    }

    /**
     * Deletes every file of import {@code importId} of workspace {@code workspaceId} (the import's data is being
     * deleted) and its folder; answers how many files it deleted (none when they are gone already).
     */
    public int deleteImport(long workspaceId, long importId) {
        return deleteTree(root.resolve(Long.toString(workspaceId)).resolve(Long.toString(importId)));
    }

    /** Deletes every import file of workspace {@code workspaceId} and its folder; answers how many files it deleted. */
    public int deleteWorkspace(long workspaceId) {
        return deleteTree(root.resolve(Long.toString(workspaceId)));
    }

    private static int deleteTree(Path top) {
        if (!Files.isDirectory(top)) {
            return 0;
        }
        int files = 0;
        try (java.util.stream.Stream<Path> paths = Files.walk(top)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (Files.isRegularFile(path)) {
                    files++;
                }
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Import files cannot be deleted", e);
        }
        return files;
    }

    private static Path folder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder);
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        }
        return folder;
    }
}
