package com.signalops.privacy.domain;

import com.signalops.identity.domain.Permission;
import java.util.Set;

/**
 * What an export holds, the batch job that makes it, and the permissions it takes to download
 * it (both of them): a customer's data is a privacy matter, a workspace's is as sensitive as
 * deleting the workspace.
 */
public enum DataExportKind {

    /** One customer's data in one store, answering a customers/data_request: JSON sealed by the vault. */
    CUSTOMER_DATA("customer-data-export", "customer-data-%d.json.sealed", "application/json", "json",
            Set.of(Permission.PRIVACY_MANAGE, Permission.EXPORTS_DOWNLOAD)),
    /** The whole workspace as JSON files in a zip (portability). */
    WORKSPACE("workspace-export", "workspace-%d.zip", "application/zip", "zip",
            Set.of(Permission.WORKSPACE_DELETE, Permission.EXPORTS_DOWNLOAD)),
    /** An approved export of a segment's customers: CSV of the fields its destination's filter and approval let out, sealed by the vault. */
    SEGMENT("segment-export", "segment-%d.csv.sealed", "text/csv", "csv", Set.of(Permission.EXPORTS_DOWNLOAD));

    private final String jobName;
    private final String fileNamePattern;
    private final String contentType;
    private final String extension;
    private final Set<Permission> downloadPermissions;

    DataExportKind(String jobName, String fileNamePattern, String contentType, String extension, Set<Permission> downloadPermissions) {
        this.jobName = jobName;
        this.fileNamePattern = fileNamePattern;
        this.contentType = contentType;
        this.extension = extension;
        this.downloadPermissions = downloadPermissions;
    }

    /** The batch job that makes an export of this kind. */
    public String jobName() {
        return jobName;
    }

    /** The name of export {@code id}'s file in the export folder. */
    public String fileName(long id) {
        return String.format(fileNamePattern, id);
    }

    /** The media type of the download. */
    public String contentType() {
        return contentType;
    }

    /** The extension of the downloaded file. */
    public String extension() {
        return extension;
    }

    /** Whether the file is sealed by the vault for its store (opened when downloaded). */
    public boolean sealed() {
        return this != WORKSPACE;
    }

    /** The permissions a download takes, all of them. */
    public Set<Permission> downloadPermissions() {
        return downloadPermissions;
    }
}
