package org.advmusic.experiments.report;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link ReportWriter#write} produced.
 *
 * @param report   the written {@code report.html}
 * @param figures  the PNG files written under {@code figures/}, in report order
 * @param tables   the CSV files written under {@code tables/}, in report order
 * @param problems what could not be rendered and why (also listed at the top of the report); empty when all went well
 */
public record ReportSummary(Path report, List<Path> figures, List<Path> tables, List<String> problems) {

    /** Copies the lists. */
    public ReportSummary {
        figures = List.copyOf(figures);
        tables = List.copyOf(tables);
        problems = List.copyOf(problems);
    }
}
