package org.advmusic.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Escaping, links and table cells of the HTML report. */
class HtmlTest {

    @Test
    void escapesEveryCharacterWithMeaningInHtml() {
        assertEquals("&lt;a href=&quot;x&quot; title=&#39;t&#39;&gt;R&amp;B&lt;/a&gt;", Html.escape("<a href=\"x\" title='t'>R&B</a>"));
        assertEquals("", Html.escape(null));
        assertEquals("one<br>two", Html.escapeLines("one\ntwo"));
    }

    @Test
    void linksArePercentEncodedRelativePaths() {
        assertEquals("audio/sample%200%20pgd.wav", Html.link("audio/sample 0 pgd.wav"));
        assertEquals("audio/a%23b%3F.wav", Html.link("audio/a#b?.wav"));
        assertEquals("audio/x.wav", Html.link("audio\\x.wav"));
        assertEquals("audio/r&amp;b.wav", Html.link("audio/r&b.wav"));
    }

    @Test
    void cellsAreFormattedByTheirColumnsStyle() {
        assertEquals("81.3 %", Html.cell(0.8125, Table.Style.FRACTION));
        assertEquals("-5.0 pp", Html.cell(-0.05, Table.Style.CHANGE));
        assertEquals("40.2 s", Html.cell(40.2, Table.Style.SECONDS));
        assertEquals("yes", Html.cell(true, Table.Style.TEXT));
        assertEquals(Format.ABSENT, Html.cell(Double.NaN, Table.Style.NUMBER));
        assertEquals(Format.ABSENT, Html.cell(null, Table.Style.TEXT));
        assertTrue(Html.cell("WARN", Table.Style.VERDICT).contains("verdict-warn"));
        assertEquals("PASS", Html.cell("PASS", Table.Style.VERDICT));
    }

    @Test
    void definitionListsLeaveOutAbsentValues() {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("device", "cpu");
        entries.put("seed", null);
        assertEquals("<dl>\n<dt>device</dt><dd>cpu</dd>\n</dl>\n", Html.definitions(entries));
        assertEquals("", Html.definitions(Map.of()));
    }
}
