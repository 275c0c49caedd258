package com.signalops.privacy.service;

import com.signalops.privacy.domain.ExportFiles;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import org.eclipse.microprofile.config.Config;

/**
 * The export folder of {@value #VARIABLE} (a server variable, default beside the import folder in
 * the server's output folder), where data exports wait for their one download.
 */
@ApplicationScoped
public class ExportFolder {

    static final String VARIABLE = "SIGNALOPS_EXPORT_DIR";
    static final String PROPERTY = "signalops.export.dir";

    @Inject
    private Config config;

    private ExportFiles files;

    protected ExportFolder() {
    }

    /** The folder {@code root} (tests). */
    public ExportFolder(Path root) {
        this.files = new ExportFiles(root);
    }

    @PostConstruct
    void load() {
        if (files != null) {
            return;
        }
        files = new ExportFiles(Path.of(config.getOptionalValue(PROPERTY, String.class).or(() -> config.getOptionalValue(VARIABLE, String.class))
                .orElseThrow(() -> new IllegalStateException(VARIABLE + " is not set"))));
    }

    /** The folder's files. */
    public ExportFiles files() {
        return files;
    }
}
