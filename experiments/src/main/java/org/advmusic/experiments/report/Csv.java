package org.advmusic.experiments.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Comma-separated values as RFC 4180 writes them: a header row, CRLF line ends, and a field quoted
 * (inner quotes doubled) when it holds a comma, a quote, a line break or surrounding spaces. Numbers
 * keep every digit (the shortest text that reads back as the same double); an absent number (NaN or
 * null) is an empty field.
 */
public final class Csv {
    private static final String LINE_END = "\r\n";

    private Csv() {
    }

    /** Writes {@code table}'s header and rows to {@code file} (UTF-8). */
    static void write(Path file, Table table) throws IOException {
        write(file, table.columns().stream().map(Table.Column::name).toList(), table.rows());
    }

    /** Writes a header and rows (text, numbers, booleans or null) to {@code file} (UTF-8). */
    public static void write(Path file, List<String> header, List<List<Object>> rows) throws IOException {
        StringBuilder out = new StringBuilder();
        appendRow(out, List.<Object>copyOf(header));
        for (List<Object> row : rows) {
            appendRow(out, row);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, out, StandardCharsets.UTF_8);
    }

    private static void appendRow(StringBuilder out, List<Object> row) {
        for (int i = 0; i < row.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(row.get(i)));
        }
        out.append(LINE_END);
    }

    /** One field as written: text quoted where needed, numbers at full precision, null and NaN empty. */
    static String field(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double || value instanceof Float) {
            return number(((Number) value).doubleValue());
        }
        String text = value.toString();
        boolean needsQuotes = text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")
                || (!text.isEmpty() && (Character.isWhitespace(text.charAt(0))
                        || Character.isWhitespace(text.charAt(text.length() - 1))));
        return needsQuotes ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    /** A double at full precision: whole numbers without a decimal point, NaN as an empty field. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
