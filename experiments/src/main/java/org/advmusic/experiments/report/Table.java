package org.advmusic.experiments.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One table of the report, written both as {@code tables/<name>.csv} (raw values) and inside
 * {@code report.html} (values formatted by each column's {@link Style}).
 *
 * @param section where the report shows it
 * @param name    the CSV file's name without extension, for example {@code table1-clean-accuracy}
 * @param title   the heading shown above it
 * @param note    what the reader must know to read it (threat models, what "adaptive" means); may be null
 * @param columns the columns
 * @param rows    the rows; each cell is text, a number, a boolean or null (absent)
 */
record Table(Section section, String name, String title, String note, List<Column> columns, List<List<Object>> rows) {

    /** How a column's values are shown in the HTML report. */
    enum Style {
        /** as written */
        TEXT,
        /** a fraction shown as a percentage */
        FRACTION,
        /** a change of a fraction, shown in percentage points */
        CHANGE,
        /** a compact number */
        NUMBER,
        /** seconds, shown as a duration */
        SECONDS,
        /** PASS or WARN, a WARN highlighted */
        VERDICT
    }

    /** A column's header and how its values are shown. */
    record Column(String name, Style style) {
    }

    /** Starts a table. */
    static Builder builder(Section section, String name, String title) {
        return new Builder(section, name, title);
    }

    /** Whether the table has no rows (an empty table is not written). */
    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Collects columns, then rows of the same width. */
    static final class Builder {
        private final Section section;
        private final String name;
        private final String title;
        private String note;
        private final List<Column> columns = new ArrayList<>();
        private final List<List<Object>> rows = new ArrayList<>();

        private Builder(Section section, String name, String title) {
            this.section = section;
            this.name = name;
            this.title = title;
        }

        /** Sets the explanatory note shown under the title. */
        Builder note(String text) {
            this.note = text;
            return this;
        }

        /** Adds a column. */
        Builder column(String header, Style style) {
            columns.add(new Column(header, style));
            return this;
        }

        /** Adds a row with one cell per column. */
        Builder row(Object... cells) {
            if (cells.length != columns.size()) {
                throw new IllegalArgumentException("table " + name + ": a row has " + cells.length + " cells for "
                        + columns.size() + " columns");
            }
            rows.add(Collections.unmodifiableList(new ArrayList<>(Arrays.asList(cells))));
            return this;
        }

        /** The finished table. */
        Table build() {
            return new Table(section, name, title, note, List.copyOf(columns), List.copyOf(rows));
        }
    }
}
