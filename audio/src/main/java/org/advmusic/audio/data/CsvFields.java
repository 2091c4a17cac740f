package org.advmusic.audio.data;

import java.util.ArrayList;
import java.util.List;

/** Splits one CSV line at commas outside double quotes; {@code ""} inside quotes is a quote. */
final class CsvFields {
    private CsvFields() {
    }

    /**
     * @return the fields, unquoted
     * @throws IllegalArgumentException for an unterminated quote
     */
    static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
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
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quote");
        }
        fields.add(field.toString());
        return fields;
    }

    /** Parses a finite number, naming the column when it is not one. */
    static float number(String text, String column) {
        try {
            float value = Float.parseFloat(text.strip());
            if (!Float.isFinite(value)) {
                throw new IllegalArgumentException("column '" + column + "' is not finite: '" + text + "'");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("column '" + column + "' is not a number: '" + text + "'");
        }
    }
}
