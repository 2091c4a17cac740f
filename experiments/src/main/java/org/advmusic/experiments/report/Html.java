package org.advmusic.experiments.report;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;

/** HTML building blocks: escaping, links to the run's files, definition lists and tables. */
final class Html {
    private Html() {
    }

    /** {@code text} with the five characters that HTML gives meaning to escaped; null reads as an empty string. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Escaped text whose line breaks become {@code <br>}. */
    static String escapeLines(String text) {
        return escape(text).replace("\r\n", "\n").replace("\n", "<br>");
    }

    /**
     * A path relative to the run directory as the value of an {@code href} or {@code src} attribute:
     * each character that a URL cannot hold percent-encoded, then HTML-escaped.
     */
    static String link(String relativePath) {
        try {
            return escape(new URI(null, null, relativePath.replace('\\', '/'), null).toASCIIString());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot link to '" + relativePath + "': " + e.getMessage(), e);
        }
    }

    /** A definition list of the entries whose value is not null; empty when none is. */
    static String definitions(Map<String, String> entries) {
        StringBuilder out = new StringBuilder();
        entries.forEach((term, value) -> {
            if (value != null) {
                out.append("<dt>").append(escape(term)).append("</dt><dd>").append(escape(value)).append("</dd>\n");
            }
        });
        return out.length() == 0 ? "" : "<dl>\n" + out + "</dl>\n";
    }

    /** A figure: its image, linked to the PNG, with its caption. */
    static String figure(Figure figure) {
        return "<figure><a href=\"" + link(figure.file()) + "\"><img src=\"" + link(figure.file()) + "\" alt=\""
                + escape(figure.caption()) + "\" loading=\"lazy\"></a><figcaption>" + escape(figure.caption())
                + "</figcaption></figure>\n";
    }

    /** A table with its title, note and a link to its CSV file; WARN rows are marked. */
    static String table(Table table, String csvFile) {
        StringBuilder out = new StringBuilder();
        out.append("<h3>").append(escape(table.title())).append("</h3>\n");
        if (table.note() != null) {
            out.append("<p class=\"note\">").append(escape(table.note())).append("</p>\n");
        }
        out.append("<div class=\"scroll\"><table>\n<thead><tr>");
        for (Table.Column column : table.columns()) {
            out.append("<th>").append(escape(column.name())).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (List<Object> row : table.rows()) {
            boolean warn = false;
            StringBuilder cells = new StringBuilder();
            for (int c = 0; c < row.size(); c++) {
                Table.Style style = table.columns().get(c).style();
                Object value = row.get(c);
                warn |= style == Table.Style.VERDICT && "WARN".equals(value);
                boolean numeric = style != Table.Style.TEXT && style != Table.Style.VERDICT;
                cells.append(numeric ? "<td class=\"number\">" : "<td>").append(cell(value, style)).append("</td>");
            }
            out.append(warn ? "<tr class=\"warn\">" : "<tr>").append(cells).append("</tr>\n");
        }
        out.append("</tbody></table></div>\n");
        if (csvFile != null) {
            out.append("<p class=\"csv\">CSV: <a href=\"").append(link(csvFile)).append("\">").append(escape(csvFile))
                    .append("</a></p>\n");
        }
        return out.toString();
    }

    /** One cell's content, formatted by its column's style and escaped. */
    static String cell(Object value, Table.Style style) {
        if (value == null || (value instanceof Double d && Double.isNaN(d))) {
            return Format.ABSENT;
        }
        if (value instanceof Boolean b) {
            return b ? "yes" : "no";
        }
        if (!(value instanceof Number number)) {
            String text = escapeLines(value.toString());
            return style == Table.Style.VERDICT && "WARN".equals(value) ? "<strong class=\"verdict-warn\">WARN</strong>" : text;
        }
        double v = number.doubleValue();
        return escape(switch (style) {
            case FRACTION -> Format.percent(v);
            case CHANGE -> Format.percentagePoints(v);
            case SECONDS -> Format.seconds(v);
            default -> Format.number(v);
        });
    }
}
