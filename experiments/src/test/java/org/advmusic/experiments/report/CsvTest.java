package org.advmusic.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFC 4180 quoting and full-precision numbers, checked by reading the files back with an independent parser. */
class CsvTest {

    @Test
    void quotesFieldsWithCommasQuotesLineBreaksAndSurroundingSpaces() {
        assertEquals("plain", Csv.field("plain"));
        assertEquals("\"hip-hop, rap\"", Csv.field("hip-hop, rap"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.field("say \"hi\""));
        assertEquals("\"two\nlines\"", Csv.field("two\nlines"));
        assertEquals("\" padded\"", Csv.field(" padded"));
        assertEquals("", Csv.field(null));
    }

    @Test
    void writesNumbersWithEveryDigitAndAbsentNumbersEmpty() {
        assertEquals("0.1", Csv.number(0.1));
        assertEquals("3", Csv.number(3.0));
        assertEquals(1.0 / 3, Double.parseDouble(Csv.number(1.0 / 3)));
        assertEquals(1.234567890123e-7, Double.parseDouble(Csv.number(1.234567890123e-7)));
        assertEquals("", Csv.number(Double.NaN));
        assertEquals("82290", Csv.field(82290L));
        assertEquals("true", Csv.field(true));
    }

    @Test
    void aWrittenTableReadsBackCellForCell(@TempDir Path folder) throws IOException {
        Table table = Table.builder(Section.CLEAN, "t", "title").column("name", Table.Style.TEXT)
                .column("value", Table.Style.NUMBER)
                .row("r&b, \"soul\"", 0.30000000000000004).row("multi\nline", null).row("", Double.NaN).build();
        Path file = folder.resolve("t.csv");
        Csv.write(file, table);
        List<List<String>> rows = parse(Files.readString(file));
        assertEquals(List.of(List.of("name", "value"), List.of("r&b, \"soul\"", "0.30000000000000004"),
                List.of("multi\nline", ""), List.of("", "")), rows);
    }

    /** A small RFC 4180 reader (quoted fields, doubled quotes, CRLF or LF line ends), independent of {@link Csv}. */
    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
