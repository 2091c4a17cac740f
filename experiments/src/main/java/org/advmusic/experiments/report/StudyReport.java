package org.advmusic.experiments.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.advmusic.experiments.results.DefenseMetrics;
import org.advmusic.experiments.results.ModelMetrics;
import org.advmusic.experiments.results.RobustnessMetrics;
import org.advmusic.experiments.results.RunMetrics;

/**
 * The seeds' Tables 1-6 with the models of a study side by side, from each model's
 * {@code metrics.json}: written as {@code tables/table1-...csv} to {@code table6-...csv} in the
 * study's folder, and as its {@code report.html}, which links every model's own report and shows
 * Tables 2 and 5 also as figures ({@code figures/study-*.png}, {@link StudyFigures}). Numbers
 * under attack keep their kind (white-box, naive, adaptive) and threat model.
 */
public final class StudyReport {
    private static final String BASELINE = "baseline";

    private StudyReport() {
    }

    /**
     * @param runs          each model's results by its name in the study (its folder under {@code root})
     * @param table5Epsilon the PGD budget of Table 5
     * @return the study's report.html
     */
    public static Path write(Path root, Map<String, RunMetrics> runs, double table5Epsilon) throws IOException {
        Map<String, DefenseMetrics> defenses = new java.util.LinkedHashMap<>();
        runs.forEach((name, run) -> {
            if (run.defenses() != null) {
                defenses.put(name, run.defenses());
            }
        });
        List<Table> tables = new ArrayList<>(List.of(table1(runs), table2(runs), table3(runs), table4(runs),
                ReportTables.defensesMinimumNorm(defenses), table5(runs, table5Epsilon), table6(runs)));
        tables.removeIf(t -> t.isEmpty() && t.name().startsWith("table4b"));
        Path folder = root.resolve("tables");
        Files.createDirectories(folder);
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>study</title>"
                + "</head><body>\n<h1>Study: " + Html.escape(String.join(", ", runs.keySet())) + "</h1>\n<ul>\n");
        for (String model : runs.keySet()) {
            html.append("<li><a href=\"").append(Html.link(model + "/report.html")).append("\">").append(Html.escape(model))
                    .append("</a>: its own report</li>\n");
        }
        html.append("</ul>\n");
        ReportContext figures = StudyFigures.write(root, runs, table5Epsilon);
        for (String problem : figures.problems()) {
            html.append("<p>").append(Html.escape(problem)).append("</p>\n");
        }
        for (Table table : tables) {
            String relative = "tables/" + table.name() + ".csv";
            Csv.write(root.resolve(relative), table);
            html.append(Html.table(table, relative));
            if (table.name().startsWith("table2") || table.name().startsWith("table5")) { // the table as a figure below it
                figures.figures().stream().filter(f -> f.section() == table.section()).forEach(f -> html.append(Html.figure(f)));
            }
        }
        html.append("</body></html>\n");
        Path report = root.resolve("report.html");
        Files.writeString(report, html, StandardCharsets.UTF_8);
        return report;
    }

    /** Table 1: model, clean accuracy, song accuracy, epochs, best epoch, training time. */
    static Table table1(Map<String, RunMetrics> runs) {
        Table.Builder t = Table.builder(Section.CLEAN, "table1-clean-accuracy", "Table 1: clean accuracy per model")
                .note("Test set, no attack; song accuracy sums a track's segment log-probabilities.")
                .column("model", Table.Style.TEXT).column("architecture", Table.Style.TEXT)
                .column("clean accuracy", Table.Style.FRACTION).column("song accuracy", Table.Style.FRACTION)
                .column("epochs", Table.Style.NUMBER).column("best epoch", Table.Style.NUMBER)
                .column("training seconds", Table.Style.SECONDS);
        runs.forEach((name, run) -> {
            ModelMetrics m = run.model(BASELINE);
            if (m != null) {
                ModelMetrics.Training training = m.training();
                t.row(name, m.architecture(), m.clean() == null ? null : m.clean().clipAccuracy(),
                        m.clean() == null ? null : m.clean().songAccuracyLogProbability(),
                        training == null ? null : training.epochsRun(), training == null ? null : training.bestEpoch(),
                        training == null ? null : training.seconds());
            }
        });
        return t.build();
    }

    /** Table 2: epsilon rows; per model FGSM and PGD accuracy of the undefended model. */
    static Table table2(Map<String, RunMetrics> runs) {
        TreeSet<Double> epsilons = new TreeSet<>();
        List<String> headers = new ArrayList<>();
        List<Map<Double, Double>> columns = new ArrayList<>();
        List<String> threats = new ArrayList<>();
        runs.forEach((name, run) -> {
            for (String family : List.of("FGSM", "PGD")) {
                RobustnessMetrics.Curve curve = fixedEpsilonCurve(run, family);
                Map<Double, Double> points = new java.util.HashMap<>();
                if (curve != null) {
                    curve.points().forEach(p -> points.put(p.epsilon(), p.accuracy()));
                    epsilons.addAll(points.keySet());
                    threats.add(name + " " + curve.attack() + ": " + curve.norm());
                }
                headers.add(name + " " + family);
                columns.add(points);
            }
        });
        Table.Builder t = Table.builder(Section.ROBUSTNESS, "table2-robustness-per-epsilon",
                        "Table 2: accuracy of the undefended models under FGSM and PGD per epsilon")
                .note("White-box attacks on each undefended model; epsilon 0 is the clean accuracy. Norms: "
                        + String.join("; ", threats) + ". Each model's threat models (box, dB) are in its own report.")
                .column("epsilon", Table.Style.NUMBER);
        headers.forEach(h -> t.column(h, Table.Style.FRACTION));
        for (double eps : epsilons) {
            List<Object> row = new ArrayList<>(List.of(eps));
            columns.forEach(c -> row.add(c.get(eps)));
            t.row(row.toArray());
        }
        return t.build();
    }

    /** Table 3: model, strategy, training method, inference defense, clean accuracy, net difference. */
    static Table table3(Map<String, RunMetrics> runs) {
        Table.Builder t = Table.builder(Section.DEFENSES, "table3-defenses-clean", "Table 3: clean accuracy of the defenses")
                .note("Net difference: clean accuracy minus the model's undefended baseline.")
                .column("model", Table.Style.TEXT).column("strategy", Table.Style.TEXT)
                .column("training method", Table.Style.TEXT).column("inference defense", Table.Style.TEXT)
                .column("clean accuracy", Table.Style.FRACTION).column("net difference", Table.Style.CHANGE);
        defended(runs, (name, d) -> t.row(name, d.model(), d.description(), inferenceDefense(d), d.cleanAccuracy(),
                d.changeFromBaseline()));
        return t.build();
    }

    /** Table 4: per model and strategy (and kind of evaluation), clean then FGSM and PGD at each budget. */
    static Table table4(Map<String, RunMetrics> runs) {
        List<String> headers = new ArrayList<>();
        List<String> threats = new ArrayList<>();
        defended(runs, (name, d) -> d.underAttack().forEach(a -> {
            String header = a.attack() + " eps=" + Format.number(a.epsilon());
            if (!headers.contains(header)) {
                headers.add(header);
                threats.add(header + ": " + a.threatModel());
            }
        }));
        Table.Builder t = Table.builder(Section.DEFENSES, "table4-defenses-under-attack",
                        "Table 4: accuracy under attack per model and defense")
                .note("Kind: white-box (differentiable model), naive (gradients blocked by a squeezer: overstates "
                        + "robustness) or adaptive (BPDA through the squeezer). Threat models: " + String.join("; ", threats))
                .column("model", Table.Style.TEXT).column("strategy", Table.Style.TEXT).column("kind", Table.Style.TEXT)
                .column("clean", Table.Style.FRACTION);
        headers.forEach(h -> t.column(h, Table.Style.FRACTION));
        defended(runs, (name, d) -> {
            List<String> kinds = d.underAttack().stream().map(DefenseMetrics.AttackedAccuracy::kind).distinct().toList();
            for (String kind : kinds) {
                List<Object> row = new ArrayList<>(List.of(name, d.model(), kind, d.cleanAccuracy()));
                for (String header : headers) {
                    row.add(d.underAttack().stream().filter(a -> a.kind().equals(kind)
                            && header.equals(a.attack() + " eps=" + Format.number(a.epsilon())))
                            .map(a -> (Object) a.accuracy()).findFirst().orElse(null));
                }
                t.row(row.toArray());
            }
        });
        return t.build();
    }

    /** Table 5: per model, PGD accuracy of the undefended, mixed and pure adversarially trained models at one budget. */
    static Table table5(Map<String, RunMetrics> runs, double epsilon) {
        Table.Builder t = Table.builder(Section.DEFENSES, "table5-defense-improvement",
                        "Table 5: defense improvement summary (PGD at eps " + Format.number(epsilon) + ")")
                .note("Robust accuracy under white-box PGD at eps " + Format.number(epsilon) + " (study.table5_epsilon; the "
                        + "seed does not state its budget). Improvement: mixed / undefended, as a factor.")
                .column("model", Table.Style.TEXT).column("epsilon", Table.Style.NUMBER)
                .column("undefended", Table.Style.FRACTION).column("defended (mixed)", Table.Style.FRACTION)
                .column("defended (pure)", Table.Style.FRACTION).column("improvement (mixed)", Table.Style.NUMBER);
        runs.forEach((name, run) -> {
            if (run.defenses() == null) {
                return;
            }
            Double undefended = pgd(run.defenses(), BASELINE, epsilon);
            Double mixed = pgd(run.defenses(), "adversarial-mixed", epsilon);
            Double pure = pgd(run.defenses(), "adversarial-pure", epsilon);
            Double factor = undefended == null || mixed == null || undefended == 0 ? null : mixed / undefended;
            t.row(name, epsilon, undefended, mixed, pure, factor);
        });
        return t.build();
    }

    /** Table 6: per model and budget, the best defense by adaptive PGD accuracy against the baseline's. */
    static Table table6(Map<String, RunMetrics> runs) {
        Table.Builder t = Table.builder(Section.DEFENSES, "table6-best-defense", "Table 6: best defense per model and budget")
                .note("Judged by adaptive (or white-box) accuracy only: a naive number never wins.")
                .column("model", Table.Style.TEXT).column("attack", Table.Style.TEXT).column("epsilon", Table.Style.NUMBER)
                .column("best defense", Table.Style.TEXT).column("baseline accuracy", Table.Style.FRACTION)
                .column("defended accuracy", Table.Style.FRACTION).column("improvement", Table.Style.CHANGE);
        runs.forEach((name, run) -> {
            if (run.defenses() != null) {
                for (DefenseMetrics.BestDefense best : run.defenses().bestPerEpsilon()) {
                    t.row(name, best.attack(), best.epsilon(), best.model(), best.accuracy() - best.gainOverBaseline(),
                            best.accuracy(), best.gainOverBaseline());
                }
            }
        });
        return t.build();
    }

    /** The undefended model's fixed-epsilon curve of an attack family ("FGSM", "PGD"), or null. */
    static RobustnessMetrics.Curve fixedEpsilonCurve(RunMetrics run, String family) {
        return run.robustness() == null ? null : run.robustness().curves().stream()
                .filter(c -> !c.fromMinimalNorms() && c.attack().startsWith(family)).findFirst().orElse(null);
    }

    /** The adaptive (or white-box) PGD accuracy of one defended model at a budget, or null. */
    static Double pgd(DefenseMetrics defenses, String model, double epsilon) {
        return defenses.models().stream().filter(d -> d.model().equals(model)).flatMap(d -> d.underAttack().stream())
                .filter(a -> a.attack().startsWith("PGD") && a.epsilon() == epsilon && a.adaptive())
                .map(DefenseMetrics.AttackedAccuracy::accuracy).min(Double::compare).orElse(null);
    }

    private static String inferenceDefense(DefenseMetrics.DefendedModel d) {
        boolean squeezed = d.underAttack().stream().anyMatch(a -> !a.adaptive() || a.kind().contains("BPDA"));
        return squeezed ? "feature squeezing" : "none";
    }

    private static void defended(Map<String, RunMetrics> runs,
                                 java.util.function.BiConsumer<String, DefenseMetrics.DefendedModel> action) {
        runs.forEach((name, run) -> {
            if (run.defenses() != null) {
                run.defenses().models().forEach(d -> action.accept(name, d));
            }
        });
    }
}
