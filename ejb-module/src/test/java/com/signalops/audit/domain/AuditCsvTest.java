package com.signalops.audit.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.signalops.shared.Csv;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditCsvTest {

    @Test
    void prefixesEveryCellThatASpreadsheetWouldTakeForAFormula() {
        assertEquals("'+1", Csv.cell("+1"));
        assertEquals("'-2", Csv.cell("-2"));
        assertEquals("'@SUM(A1)", Csv.cell("@SUM(A1)"));
        assertEquals("'\tcmd", Csv.cell("\tcmd"));
        assertEquals("\"'\rcmd\"", Csv.cell("\rcmd"));
        assertEquals("\"'=1+2,3\"", Csv.cell("=1+2,3"));
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\")\"", Csv.cell("=HYPERLINK(\"http://x\")"));
    }

    @Test
    void leavesOrdinaryCellsAloneAndQuotesByRfc4180() {
        assertEquals("store.update", Csv.cell("store.update"));
        assertEquals("", Csv.cell(""));
        assertEquals("a=b", Csv.cell("a=b"));
        assertEquals("\"a,b\"", Csv.cell("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.cell("say \"hi\""));
        assertEquals("\"two\nlines\"", Csv.cell("two\nlines"));
    }

    @Test
    void writesARecordAsOneCrlfLineInTheHeadersOrder() {
        AuditRecordView record = new AuditRecordView(9, 3L, Instant.parse("2026-11-25T12:00:00.123Z"), "USER", "7", "=cmd|' /C calc'!A0",
                "UI", "store.update", "store", "42", "SUCCESS", null, "{\"name\":\"a\"}", null);

        assertEquals("id,seq,occurred_at,actor_type,actor_id,actor_name,source,action,entity_type,entity_id,outcome,request_id,"
                + "before_json,after_json\r\n", AuditCsv.headerLine());
        assertEquals("9,3,2026-11-25T12:00:00.123Z,USER,7,'=cmd|' /C calc'!A0,UI,store.update,store,42,SUCCESS,,"
                + "\"{\"\"name\"\":\"\"a\"\"}\",\r\n", AuditCsv.line(record));
        assertEquals(AuditCsv.HEADER.size(), List.of(AuditCsv.headerLine().split(",")).size());
    }

    @Test
    void leavesTheSeqOfARecordNotYetSealedEmpty() {
        AuditRecordView unsealed = new AuditRecordView(10, null, Instant.parse("2026-11-25T12:00:01Z"), "USER", "7", null, "UI",
                "store.update", "store", "42", "SUCCESS", null, null, null);

        assertEquals("10,,2026-11-25T12:00:01Z,USER,7,,UI,store.update,store,42,SUCCESS,,,\r\n", AuditCsv.line(unsealed));
    }
}
