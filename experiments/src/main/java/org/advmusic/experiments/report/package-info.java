/**
 * Rendering a run directory ({@code experiments/RESULTS.md}) into figures, CSV tables and a
 * self-contained {@code report.html}, from the stored measurements alone.
 *
 * <p>Entry point: {@link org.advmusic.experiments.report.ReportWriter#write}. The rest of the
 * package, in reading order: the typed, validated view of {@code metrics.json}
 * ({@code RunMetrics} and its sections, read through {@code JsonField}, which names the file and
 * field of any error); the figures ({@code TrainingFigures}, {@code RobustnessFigures},
 * {@code AccuracyFigures}, {@code ExampleFigures}, {@code DetectorFigures}, {@code GradCamFigures}),
 * drawn with XChart ({@code Charts}) or straight into images ({@code HeatmapFigure},
 * {@code ConfusionMatrixFigure}, {@code ColorMap}); the tables ({@code ReportTables}, {@code Csv});
 * and the HTML ({@code HtmlReport}, {@code Html}).
 */
package org.advmusic.experiments.report;
