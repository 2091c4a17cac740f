package org.advmusic.experiments.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.advmusic.experiments.results.AudioExample;
import org.advmusic.experiments.results.Checklist;
import org.advmusic.experiments.results.GradCamMetrics;
import org.advmusic.experiments.results.InstrumentResults;
import org.advmusic.experiments.results.ModelMetrics;
import org.advmusic.experiments.results.RobustnessMetrics;
import org.advmusic.experiments.results.RunMetrics;

/**
 * The self-contained {@code report.html}: inline CSS, no script, no network; images, audio and CSV
 * files linked relatively inside the run directory, and only when they exist. A section appears
 * only when the run has something to show in it. All text taken from the results is escaped.
 */
final class HtmlReport {
    private static final String STYLE = """
            body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222; margin: 0 auto;
                   max-width: 1180px; padding: 0 24px 48px; line-height: 1.45; }
            h1 { margin: 24px 0 4px; } h2 { border-bottom: 2px solid #ddd; padding-bottom: 4px; margin-top: 40px; }
            h3 { margin: 24px 0 6px; }
            nav { background: #f5f5f5; padding: 8px 12px; border-radius: 6px; }
            nav a { margin-right: 14px; }
            dl { display: grid; grid-template-columns: max-content auto; gap: 2px 16px; }
            dt { font-weight: 600; } dd { margin: 0; }
            .scroll { overflow-x: auto; }
            table { border-collapse: collapse; font-size: 14px; margin: 4px 0; }
            th, td { border: 1px solid #ccc; padding: 4px 8px; vertical-align: top; }
            th { background: #eef2f7; text-align: left; }
            tbody tr:nth-child(even) { background: #fafafa; }
            td.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            tr.warn, tr.warn:nth-child(even) { background: #fff1d6; }
            .verdict-warn { color: #a33a00; }
            .warn-box { background: #fff1d6; border-left: 4px solid #e08a00; padding: 8px 12px; margin: 12px 0; }
            .note { color: #555; font-size: 14px; max-width: 960px; }
            .csv { font-size: 13px; margin-top: 2px; }
            figure { margin: 16px 0; } figure img { max-width: 100%; border: 1px solid #e4e4e4; }
            figcaption { color: #444; font-size: 14px; max-width: 960px; }
            details { margin: 12px 0; } summary { cursor: pointer; font-weight: 600; }
            .audio { border: 1px solid #ddd; border-radius: 6px; padding: 8px 12px; margin: 12px 0; }
            .audio audio { display: block; margin: 4px 0 8px; }
            pre { background: #f7f7f7; padding: 12px; overflow-x: auto; font-size: 13px; }
            """;

    private final ReportContext context;
    private final RunMetrics metrics;
    private final List<Table> tables;
    private final Map<Table, String> csvFiles;
    private final String config;
    private final InstrumentResults instruments;

    /**
     * @param tables   the tables, shown in their sections
     * @param csvFiles each table's CSV file relative to the run directory
     * @param config   the text of {@code config.json}, or null when there is none
     * @param instruments the instrument study's results, or null when the run has none
     */
    private HtmlReport(ReportContext context, List<Table> tables, Map<Table, String> csvFiles, String config,
                       InstrumentResults instruments) {
        this.instruments = instruments;
        this.context = context;
        this.metrics = context.metrics();
        this.tables = tables;
        this.csvFiles = csvFiles;
        this.config = config;
    }

    /**
     * Renders the report. Problems found while rendering (an audio file that is missing, for
     * example) are recorded in {@code context}; all of its problems are shown at the top.
     */
    static String render(ReportContext context, List<Table> tables, Map<Table, String> csvFiles, String config,
                         InstrumentResults instruments) {
        return new HtmlReport(context, tables, csvFiles, config, instruments).document();
    }

    private String document() {
        Map<Section, String> bodies = new LinkedHashMap<>();
        for (Section section : Section.values()) {
            String body = body(section) + tables(section) + figures(section);
            if (!body.isBlank()) {
                bodies.put(section, body);
            }
        }
        String name = metrics.run() != null && metrics.run().name() != null ? metrics.run().name()
                : context.runDirectory().getFileName().toString();
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>advmusic report: ").append(Html.escape(name)).append("</title>\n<style>\n").append(STYLE)
                .append("</style>\n</head>\n<body>\n<h1>advmusic report: ").append(Html.escape(name)).append("</h1>\n")
                .append("<p class=\"note\">Rendered from this folder's metrics.json, tensors and audio alone. Every number "
                        + "under attack states its threat model; numbers from defended models say whether the attack was "
                        + "adaptive (it accounted for the defense) or naive.</p>\n<nav>");
        bodies.keySet().forEach(section -> out.append("<a href=\"#").append(section.anchor()).append("\">")
                .append(Html.escape(section.heading())).append("</a>"));
        out.append("</nav>\n");
        List<String> allProblems = context.problems();
        if (!allProblems.isEmpty()) {
            out.append("<div class=\"warn-box\"><strong>Problems met while rendering this report</strong><ul>\n");
            allProblems.forEach(problem -> out.append("<li>").append(Html.escape(problem)).append("</li>\n"));
            out.append("</ul></div>\n");
        }
        bodies.forEach((section, body) -> out.append("<section id=\"").append(section.anchor()).append("\">\n<h2>")
                .append(Html.escape(section.heading())).append("</h2>\n").append(body).append("</section>\n"));
        out.append("</body>\n</html>\n");
        return out.toString();
    }

    /** The section's own text (everything but its tables and figures). */
    private String body(Section section) {
        return switch (section) {
            case RUN -> run();
            case DATA -> data();
            case TRAINING -> training();
            case ROBUSTNESS -> robustness();
            case CHECKLISTS -> checklists();
            case GRADCAM -> gradcam();
            case AUDIO -> audio();
            case INSTRUMENTS -> InstrumentReport.body(instruments,
                    (label, file) -> player(label, file, InstrumentResults.FILE + " targeted"));
            case CONFIG -> config == null ? "" : "<pre>" + Html.escape(config) + "</pre>\n";
            default -> "";
        };
    }

    private String run() {
        RunMetrics.RunInfo run = metrics.run();
        StringBuilder out = new StringBuilder();
        if (run != null) {
            Map<String, String> entries = new LinkedHashMap<>();
            entries.put("name", run.name());
            entries.put("command", run.command());
            entries.put("started", run.started());
            entries.put("duration", Double.isNaN(run.seconds()) ? null : Format.seconds(run.seconds()));
            entries.put("device", run.device());
            entries.put("dtype", run.dtype());
            entries.put("threads", run.threads() == null ? null : run.threads().toString());
            entries.put("seed", run.seed() == null ? null : run.seed().toString());
            entries.put("Java", run.java());
            entries.put("advmusic", run.version());
            entries.put("status", run.status());
            out.append(Html.definitions(entries));
            if (RunMetrics.RunInfo.FAILED.equals(run.status())) {
                out.append("<div class=\"warn-box\">The last command (").append(Html.escape(run.command())).append(") failed: ")
                        .append(Html.escape(String.valueOf(run.error())))
                        .append(". The results below are the ones recorded before it.</div>\n");
            }
        }
        long warnings = metrics.checklists().stream().mapToLong(Checklist::warnings).sum();
        if (warnings > 0) {
            out.append("<div class=\"warn-box\">The sanity checklists have ").append(warnings)
                    .append(" WARN or INCONCLUSIVE item").append(warnings == 1 ? "" : "s").append(": see <a href=\"#").append(Section.CHECKLISTS.anchor())
                    .append("\">Sanity checklists</a> before trusting the robustness numbers.</div>\n");
        }
        List<String> files = new ArrayList<>();
        for (String file : List.of("metrics.json", "config.json")) {
            if (Files.isRegularFile(context.runDirectory().resolve(file))) {
                files.add("<a href=\"" + Html.link(file) + "\">" + Html.escape(file) + "</a>");
            }
        }
        out.append("<p>Measurements: ").append(String.join(", ", files)).append("</p>\n");
        return out.toString();
    }

    private String data() {
        RunMetrics.DataInfo data = metrics.data();
        if (data == null) {
            return "";
        }
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("source", data.source());
        entries.put("path", data.path());
        entries.put("classes", data.classes().isEmpty() ? null
                : data.classes().size() + ": " + String.join(", ", data.classes()));
        entries.put("input shape", data.inputShape().isEmpty() ? null : data.inputShape().toString());
        RunMetrics.DecibelMapping mapping = data.decibelMapping();
        entries.put("input scale", mapping == null ? null : "log-mel in dB mapped from [" + Format.number(mapping.minDb()) + ", "
                + Format.number(mapping.maxDb()) + "] dB to [0, 1] and clipped: one input unit is "
                + Format.number(mapping.decibelsPerUnit()) + " dB, so eps 0.01 is "
                + Format.decibels(0.01 * mapping.decibelsPerUnit()));
        entries.put("time", Double.isNaN(data.seconds()) ? null : Format.seconds(data.seconds()));
        entries.put("sample rate", data.resampled().isEmpty() ? null : data.resampled().stream()
                .map(RunMetrics.Resampled::toString).collect(java.util.stream.Collectors.joining("; ")));
        boolean noProblems = data.problems() != null && data.problems().isEmpty();
        String problemsLine = noProblems ? "<p>No problems found in the data.</p>\n" : "";
        return Html.definitions(entries) + problemsLine;
    }

    private String training() {
        StringBuilder rows = new StringBuilder();
        StringBuilder warnings = new StringBuilder();
        for (ModelMetrics model : metrics.models()) {
            rows.append("<tr><td>").append(Html.escape(model.name())).append("</td><td>").append(Html.escape(model.description()))
                    .append("</td><td>").append(Html.escape(model.architecture())).append("</td><td class=\"number\">")
                    .append(model.parameters() == null ? Format.ABSENT : model.parameters()).append("</td><td>")
                    .append(model.defense() == null ? "none" : "<code>" + Html.escape(model.defense()) + "</code>")
                    .append("</td><td>").append(checkpointLinks(model.name())).append("</td></tr>\n");
            if (model.training() != null) {
                for (ModelMetrics.RobustEpoch epoch : model.training().robustValidation()) {
                    if (epoch.warning() != null) {
                        warnings.append("<li>").append(Html.escape(model.name())).append(", epoch ").append(epoch.epoch())
                                .append(": ").append(Html.escape(epoch.warning())).append("</li>\n");
                    }
                }
            }
        }
        if (rows.length() == 0) {
            return "";
        }
        String table = "<div class=\"scroll\"><table>\n<thead><tr><th>model</th><th>description</th><th>architecture</th>"
                + "<th>parameters</th><th>defense</th><th>checkpoint</th></tr></thead>\n<tbody>\n" + rows
                + "</tbody></table></div>\n";
        return table + (warnings.length() == 0 ? "" : "<div class=\"warn-box\"><strong>Warnings during training</strong><ul>\n"
                + warnings + "</ul></div>\n");
    }

    /** Links to the files of {@code checkpoints/<model>/} that exist. */
    private String checkpointLinks(String model) {
        Path checkpoints = context.runDirectory().resolve("checkpoints").toAbsolutePath().normalize();
        Path folder = checkpoints.resolve(model).normalize();
        if (!folder.startsWith(checkpoints) || !Files.isDirectory(folder)) {
            return Format.ABSENT;
        }
        List<String> links = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String relative = "checkpoints/" + model + "/" + file.getFileName();
                links.add("<a href=\"" + Html.link(relative) + "\">" + Html.escape(file.getFileName().toString()) + "</a>");
            }
        } catch (IOException e) {
            context.problem("checkpoints/" + model + " could not be listed: " + e.getMessage());
        }
        return links.isEmpty() ? Format.ABSENT : String.join("<br>", links);
    }

    private String robustness() {
        RobustnessMetrics robustness = metrics.robustness();
        if (robustness == null) {
            return "";
        }
        Set<String> threats = new LinkedHashSet<>();
        robustness.reports().forEach(report -> threats.add(report.attack() + " (" + report.access() + "): "
                + report.threatModel().describe()));
        StringBuilder out = new StringBuilder("<p>").append(Html.escape(robustness.modelName()))
                .append(" (undefended) attacked")
                .append(robustness.samples() == null ? "" : " on " + robustness.samples() + " test samples")
                .append(": white-box attacks use the model's gradients, black-box attacks only its outputs.</p>\n");
        if (!threats.isEmpty()) {
            out.append("<details><summary>Threat models (").append(threats.size()).append(")</summary><ul>\n");
            threats.forEach(threat -> out.append("<li>").append(Html.escape(threat)).append("</li>\n"));
            out.append("</ul></details>\n");
        }
        return out.toString();
    }

    private String checklists() {
        StringBuilder out = new StringBuilder();
        for (Checklist checklist : metrics.checklists()) {
            long warnings = checklist.warnings();
            out.append("<p><strong>").append(Html.escape(checklist.model())).append("</strong>: ")
                    .append(checklist.items().size() - warnings).append(" PASS, ")
                    .append(warnings == 0 ? "0 WARN" : "<strong class=\"verdict-warn\">" + warnings + " WARN</strong>")
                    .append("</p>\n");
        }
        return out.toString();
    }

    private String gradcam() {
        GradCamMetrics gradcam = metrics.gradcam();
        if (gradcam == null) {
            return "";
        }
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("model", gradcam.model());
        entries.put("layer", gradcam.layer());
        entries.put("method", gradcam.method());
        gradcam.threatModels().forEach((attack, threat) -> entries.put(attack, "white-box, " + threat));
        return Html.definitions(entries) + "<p class=\"note\">Each overlay shows the input spectrogram in greys with the "
                + "class-score map in magma (alpha-blended), clean beside attacked.</p>\n";
    }

    private String audio() {
        StringBuilder out = new StringBuilder();
        if (!metrics.audio().isEmpty()) {
            out.append("<p class=\"note\">Waveform attacks: each track is attacked in its samples through the differentiable "
                    + "front end, with 16-bit quantisation inside the attack loop. A file is offered as adversarial only when "
                    + "the pipeline, reading the written WAV back as it reads any track, misclassifies it.</p>\n");
        }
        for (int i = 0; i < metrics.audio().size(); i++) {
            AudioExample example = metrics.audio().get(i);
            String label = example.label() == null ? "track " + i : example.label();
            out.append("<div class=\"audio\">\n<p><strong>").append(Html.escape(label)).append("</strong>");
            if (example.attack() != null) {
                out.append(": ").append(Html.escape(example.attack())).append(" (")
                        .append(Html.escape(example.threatModel() == null ? "threat model not recorded" : example.threatModel()))
                        .append(")");
            }
            if (example.adversarialPrediction() != null) {
                out.append(", the attack's own prediction ").append(Html.escape(example.adversarialPrediction()));
            }
            if (example.reanalysedPrediction() != null) {
                out.append(", the written file read back: ").append(Html.escape(example.reanalysedPrediction()));
            }
            if (!Double.isNaN(example.snrDb())) {
                out.append(", SNR ").append(Html.escape(Format.decibels(example.snrDb())));
            }
            if (!Double.isNaN(example.peakDbfs())) {
                out.append(", peak ").append(Html.escape(Format.number(example.peakDbfs()))).append(" dBFS");
            }
            out.append("</p>\n");
            if (example.method() != null) {
                out.append("<p class=\"note\">").append(Html.escape(example.method())).append("</p>\n");
            }
            out.append(player("clean", example.clean(), "audio[" + i + "].clean"));
            if (example.adversarial() != null) {
                out.append(player("adversarial (verified)", example.adversarial(), "audio[" + i + "].adversarial"));
            } else if (example.succeeded() != null) {
                out.append("<p class=\"note\">No adversarial file: the result was not misclassified when read back.</p>\n");
            }
            if (example.perturbation() != null) {
                out.append(player("perturbation alone, amplified by " + Format.decibels(example.perturbationGainDb()),
                        example.perturbation(), "audio[" + i + "].perturbation"));
            }
            out.append("</div>\n");
        }
        return out.toString();
    }

    /** An audio player for a WAV inside the run directory; a note (and a recorded problem) when the file is missing. */
    private String player(String label, String relativePath, String field) {
        if (relativePath == null) {
            return "";
        }
        Path root = context.runDirectory().toAbsolutePath().normalize();
        Path file = root.resolve(relativePath).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            context.problem("metrics.json " + field + ": " + relativePath + " is not a file inside the run directory");
            return "<p>" + Html.escape(label) + ": file missing (" + Html.escape(relativePath) + ")</p>\n";
        }
        return "<p>" + Html.escape(label) + "</p><audio controls preload=\"none\" src=\"" + Html.link(relativePath)
                + "\"></audio>\n";
    }

    private String tables(Section section) {
        StringBuilder out = new StringBuilder();
        for (Table table : tables) {
            if (table.section() == section) {
                out.append(Html.table(table, csvFiles.get(table)));
            }
        }
        return out.toString();
    }

    /** The section's figures: ungrouped ones first, then each group in a collapsible block (the first one open). */
    private String figures(Section section) {
        StringBuilder out = new StringBuilder();
        Map<String, StringBuilder> groups = new LinkedHashMap<>();
        for (Figure figure : context.figures()) {
            if (figure.section() != section) {
                continue;
            }
            String html = Html.figure(figure);
            if (figure.group() == null) {
                out.append(html);
            } else {
                groups.computeIfAbsent(figure.group(), g -> new StringBuilder()).append(html);
            }
        }
        boolean first = true;
        for (Map.Entry<String, StringBuilder> group : groups.entrySet()) {
            out.append(first ? "<details open>" : "<details>").append("<summary>").append(Html.escape(group.getKey()))
                    .append("</summary>\n").append(group.getValue()).append("</details>\n");
            first = false;
        }
        return out.toString();
    }
}
