package org.advmusic.experiments.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.advmusic.experiments.results.InstrumentResults;
import org.advmusic.experiments.results.RunMetrics;

/**
 * Renders a run directory ({@code experiments/RESULTS.md}) into figures, CSV tables and
 * {@code report.html}, from its {@code metrics.json}, {@code config.json}, {@code tensors/},
 * {@code audio/} and {@code checkpoints/} alone; nothing is recomputed, so a report can be rebuilt at
 * any time. Every part of the results is optional: what is present is rendered, what is absent is
 * left out.
 *
 * <p>A malformed {@code metrics.json} stops the report with a {@link MalformedResultsException}
 * naming the file and the field. Lesser problems (a tensor file of the wrong shape, a missing WAV, a
 * figure that cannot be drawn) do not: they are listed at the top of the report and in
 * {@link ReportSummary#problems()}.
 */
public final class ReportWriter {
    /** The report's file name inside the run directory. */
    public static final String REPORT = "report.html";
    static final String TABLES = "tables";

    private ReportWriter() {
    }

    /** One family of figures. */
    @FunctionalInterface
    private interface FigureWriter {
        void write(ReportContext context) throws IOException;
    }

    /**
     * Writes {@code figures/*.png}, {@code tables/*.csv} and {@code report.html} into {@code runDirectory},
     * replacing the PNG and CSV files that an earlier report left there.
     *
     * @return the files written and the problems met
     * @throws MalformedResultsException when {@code metrics.json} is missing or does not follow RESULTS.md
     * @throws IOException              when the directory cannot be read or written
     */
    public static ReportSummary write(Path runDirectory) throws IOException {
        if (!Files.isDirectory(runDirectory)) {
            throw new IOException(runDirectory + ": not a directory (expected a run directory with metrics.json)");
        }
        RunMetrics metrics = RunMetrics.read(runDirectory.resolve("metrics.json"));
        ReportContext context = new ReportContext(runDirectory, metrics);
        deleteOld(runDirectory.resolve(ReportContext.FIGURES), ".png");
        deleteOld(runDirectory.resolve(TABLES), ".csv");

        draw(context, "training history", TrainingFigures::write);
        draw(context, "robustness curves", RobustnessFigures::write);
        draw(context, "accuracy figures", AccuracyFigures::write);
        draw(context, "adversarial examples", ExampleFigures::write);
        draw(context, "feature perturbations", FeaturePerturbationFigures::write);
        draw(context, "detector ROC", DetectorFigures::write);
        draw(context, "Grad-CAM overlays", GradCamFigures::write);
        draw(context, "waveform study", WaveformStudy::write);

        InstrumentResults instruments = InstrumentResults.read(runDirectory);
        List<Table> tables = new ArrayList<>(ReportTables.build(metrics));
        tables.addAll(InstrumentReport.tables(instruments));
        Map<Table, String> csvFiles = new IdentityHashMap<>();
        List<Path> tableFiles = new ArrayList<>();
        for (Table table : tables) {
            String relative = TABLES + "/" + table.name() + ".csv";
            Path file = runDirectory.resolve(relative);
            Csv.write(file, table);
            csvFiles.put(table, relative);
            tableFiles.add(file);
        }
        String html = HtmlReport.render(context, tables, csvFiles, config(context), instruments);
        Path report = runDirectory.resolve(REPORT);
        Files.writeString(report, html, StandardCharsets.UTF_8);
        List<Path> figureFiles = context.figures().stream().map(figure -> runDirectory.resolve(figure.file())).toList();
        return new ReportSummary(report, figureFiles, tableFiles, context.problems());
    }

    /** Runs one family of figure writers; a bug in one family is recorded as a problem, not allowed to stop the report. */
    private static void draw(ReportContext context, String what, FigureWriter writer) throws IOException {
        try {
            writer.write(context);
        } catch (RuntimeException e) {
            context.problem(what + " could not be drawn: " + e);
        }
    }

    /** {@code config.json} pretty-printed; its raw text when it is not valid JSON (a problem is recorded); null when absent. */
    private static String config(ReportContext context) throws IOException {
        Path file = context.runDirectory().resolve("config.json");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            return json.writeValueAsString(json.readTree(text));
        } catch (JsonProcessingException e) {
            context.problem(file + " is not valid JSON (" + e.getOriginalMessage() + "); shown as written");
            return text;
        }
    }

    /** Deletes the files ending in {@code extension} that an earlier report wrote into {@code folder}. */
    private static void deleteOld(Path folder, String extension) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(extension)).toList()) {
                Files.delete(file);
            }
        }
    }
}
