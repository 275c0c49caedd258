package com.signalops.jobs.exports;

import com.signalops.outreach.domain.ExportDestination;
import com.signalops.outreach.domain.SegmentCsv;
import com.signalops.privacy.domain.ExportFiles;
import com.signalops.shared.OutgoingMail;
import jakarta.activation.DataHandler;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.mail.Message;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Instant;
import java.util.Optional;

/**
 * The step of {@code segment-export}: the approved segment export's CSV. For the CSV download, sealed by the vault for
 * its store into the export folder; for SMTP, mailed as an attachment to the export's one approved address and marked
 * delivered, with no file kept (a restart after the mail left and before the mark mails it again: at least once).
 */
@Named
@Dependent
public class SegmentExportStep extends ExportBatchlet {

    @Inject
    private OutgoingMail mail;

    @Override
    ExportFiles.Content content(Connection connection, ExportRecord export, ExportRecord.Row row, Instant now) throws Exception {
        return ExportFiles.sealed(vault(), written(connection, export, now).csv(), export.workspaceId(), row.storeId());
    }

    @Override
    Optional<Long> deliveredElsewhere(Connection connection, ExportRecord export, ExportRecord.Row row, Instant now) throws Exception {
        SegmentCsv.Written written = written(connection, export, now);
        if (written.destination() != ExportDestination.SMTP) {
            return Optional.empty();
        }
        byte[] csv = written.csv().getBytes(StandardCharsets.UTF_8);
        MimeMessage message = new MimeMessage(mail.session());
        message.setFrom();
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(written.recipient(), true));
        message.setSubject("SignalOps segment export " + export.exportId(), "UTF-8");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("The approved export " + export.exportId() + " of " + written.rows() + " customers, fields "
                + written.fields().stream().map(f -> f.key()).toList() + ", is attached.\n", "UTF-8");
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(csv, "text/csv; charset=UTF-8")));
        attachment.setFileName("segment-export-" + export.exportId() + ".csv");
        message.setContent(new MimeMultipart(text, attachment));
        Transport.send(message);
        export.delivered(connection, csv.length, "smtp", now);
        return Optional.of((long) csv.length);
    }

    private SegmentCsv.Written written(Connection connection, ExportRecord export, Instant now) throws Exception {
        return new SegmentCsv(export.workspaceId(), vault()).write(connection, export.exportId(), now)
                .orElseThrow(() -> new IllegalStateException("No segment export is made as this data export"));
    }
}
