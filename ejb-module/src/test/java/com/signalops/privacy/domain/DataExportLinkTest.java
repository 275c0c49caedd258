package com.signalops.privacy.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.shared.BusinessException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A ready export's single-use download link: 256 random bits, kept as a hash, spent once, dead after 7 days. */
class DataExportLinkTest {

    private static final Instant READY = Instant.parse("2026-12-01T09:00:00Z");

    @Test
    void aTokenIs256RandomBitsAndOnlyItsHashIsKept() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String token = DownloadToken.generate();
            assertTrue(DownloadToken.isWellFormed(token), token);
            assertEquals(DownloadToken.BYTES, Base64.getUrlDecoder().decode(token).length);
            tokens.add(token);
        }
        assertEquals(100, tokens.size());
        String token = tokens.iterator().next();
        assertEquals(32, DownloadToken.hash(token).length);
        assertArrayEquals(DownloadToken.hash(token), DownloadToken.hash(token));
        assertFalse(DownloadToken.isWellFormed(token.substring(1)));
        assertFalse(DownloadToken.isWellFormed(token.substring(1) + "/"));
        assertFalse(DownloadToken.isWellFormed(null));
    }

    @Test
    void aLinkDownloadsOnceAndASecondUseIsRefusedAsUsed() {
        DataExport export = ready();
        String token = DownloadToken.generate();
        export.issueLink(DownloadToken.hash(token), "7", READY.plusSeconds(60));
        assertTrue(export.hasLink());

        export.download(DownloadToken.hash(token), "7", READY.plusSeconds(120));

        assertEquals(DataExport.Status.DOWNLOADED, export.status());
        assertEquals("7", export.downloadedBy());
        assertEquals(READY.plusSeconds(120), export.downloadedAt());
        BusinessException second = assertThrows(BusinessException.class,
                () -> export.download(DownloadToken.hash(token), "7", READY.plusSeconds(180)));
        assertEquals("export.used", second.code());
        assertThrows(BusinessException.class, () -> export.issueLink(DownloadToken.hash(DownloadToken.generate()), "7", READY.plusSeconds(200)));
    }

    @Test
    void aTamperedOrReplacedTokenIsNotValid() {
        DataExport export = ready();
        String token = DownloadToken.generate();
        export.issueLink(DownloadToken.hash(token), "7", READY);
        char[] tampered = token.toCharArray();
        tampered[10] = tampered[10] == 'A' ? 'B' : 'A';

        BusinessException refused = assertThrows(BusinessException.class,
                () -> export.download(DownloadToken.hash(new String(tampered)), "7", READY.plusSeconds(1)));
        assertEquals("export.link-invalid", refused.code());

        String replacement = DownloadToken.generate();
        assertNotEquals(token, replacement);
        export.issueLink(DownloadToken.hash(replacement), "8", READY.plusSeconds(2));
        assertEquals("export.link-invalid", assertThrows(BusinessException.class,
                () -> export.download(DownloadToken.hash(token), "7", READY.plusSeconds(3))).code());
        export.download(DownloadToken.hash(replacement), "8", READY.plusSeconds(4));
        assertEquals(DataExport.Status.DOWNLOADED, export.status());
    }

    @Test
    void aLinkExpiresSevenDaysAfterTheExportWasReady() {
        DataExport export = ready();
        assertEquals(READY.plus(Duration.ofDays(7)), export.expiresAt());
        String token = DownloadToken.generate();
        export.issueLink(DownloadToken.hash(token), "7", READY.plus(Duration.ofDays(6)));
        Instant lastMoment = READY.plus(Duration.ofDays(7)).minusMillis(1);
        assertFalse(export.isExpiredAt(lastMoment));
        assertTrue(export.isExpiredAt(READY.plus(Duration.ofDays(7))));

        BusinessException expired = assertThrows(BusinessException.class,
                () -> export.download(DownloadToken.hash(token), "7", READY.plus(Duration.ofDays(7))));
        assertEquals("export.expired", expired.code());
        assertEquals("export.expired", assertThrows(BusinessException.class,
                () -> export.issueLink(DownloadToken.hash(token), "7", READY.plus(Duration.ofDays(8)))).code());
        export.expire();
        assertFalse(export.hasLink());
        assertEquals(DataExport.Status.EXPIRED, export.status());
    }

    @Test
    void noLinkBeforeTheExportIsReady() {
        DataExport pending = DataExport.ofWorkspace("7", READY);
        assertEquals("export.not-ready", assertThrows(BusinessException.class,
                () -> pending.issueLink(DownloadToken.hash(DownloadToken.generate()), "7", READY)).code());
        pending.startedAs(41);
        assertEquals(DataExport.Status.RUNNING, pending.status());
        assertEquals("export.not-ready", assertThrows(BusinessException.class,
                () -> pending.download(DownloadToken.hash(DownloadToken.generate()), "7", READY)).code());
    }

    private static DataExport ready() {
        DataExport export = DataExport.ofWorkspace("7", READY.minusSeconds(600));
        export.startedAs(40);
        export.ready(1234, READY);
        return export;
    }
}
