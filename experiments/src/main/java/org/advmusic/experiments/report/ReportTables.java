package org.advmusic.experiments.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.advmusic.experiments.report.Table.Style;
import org.advmusic.experiments.results.Checklist;
import org.advmusic.experiments.results.DefenseMetrics;
import org.advmusic.experiments.results.GradCamMetrics;
import org.advmusic.experiments.results.ModelMetrics;
import org.advmusic.experiments.results.RobustnessMetrics;
import org.advmusic.experiments.results.RunMetrics;

/**
 * The report's tables, built from the metrics alone (the seeds' Tables 1, 2, 3, 4 and 6, the
 * detector results, the sanity checklists, the attention shift, and the data's splits and problems).
 * A table whose section is absent is not built; every number under attack sits beside its threat
 * model and kind.
 */
final class ReportTables {
    private ReportTables() {
    }

    /** Every table that the metrics have data for, in report order. */
    static List<Table> build(RunMetrics metrics) {
        List<Table> tables = new ArrayList<>();
        if (metrics.data() != null) {
            tables.add(splits(metrics.data()));
            if (metrics.data().problems() != null) {
                tables.add(problems(metrics.data().problems()));
            }
        }
        tables.add(cleanAccuracy(metrics.models()));
        if (metrics.robustness() != null) {
            tables.add(baselineRobustness(metrics.robustness(), metrics.decibelsPerUnit()));
            tables.add(FeaturePerturbationFigures.table(metrics.robustness()));
        }
        if (metrics.defenses() != null) {
            tables.add(defensesClean(metrics.defenses()));
            tables.add(defensesUnderAttack(metrics.defenses()));
            tables.add(defensesMinimumNorm(Map.of("", metrics.defenses())));
            tables.add(bestDefense(metrics.defenses(), metrics.decibelsPerUnit()));
            tables.add(detectors(metrics.defenses()));
        }
        tables.add(checklists(metrics.checklists()));
        if (metrics.gradcam() != null) {
            tables.add(attentionShift(metrics.gradcam()));
            if (metrics.gradcam().faithfulness() != null) {
                tables.add(faithfulness(metrics.gradcam().faithfulness()));
            }
        }
        if (!WaveformStudy.attacked(metrics.audio()).isEmpty()) {
            tables.add(WaveformStudy.comparison(metrics.audio()));
            tables.add(WaveformStudy.tracks(metrics.audio()));
        }
        tables.removeIf(Table::isEmpty);
        return tables;
    }

    static Table splits(RunMetrics.DataInfo data) {
        Table.Builder table = Table.builder(Section.DATA, "data-splits", "Splits (made per track, stratified by class)")
                .column("split", Style.TEXT).column("tracks", Style.NUMBER).column("segments", Style.NUMBER);
        Set<String> splits = new LinkedHashSet<>(data.tracks().keySet());
        splits.addAll(data.segments().keySet());
        for (String split : splits) {
            table.row(split, data.tracks().get(split), data.segments().get(split));
        }
        return table.build();
    }

    static Table problems(List<RunMetrics.Problem> problems) {
        Table.Builder table = Table.builder(Section.DATA, "data-problems", "Problems found in the data (files skipped)")
                .column("path", Style.TEXT).column("reason", Style.TEXT);
        problems.forEach(problem -> table.row(problem.path(), problem.reason()));
        return table.build();
    }

    /** Table 1: clean accuracy (clip and song level, macro F1) and training time per model. */
    static Table cleanAccuracy(List<ModelMetrics> models) {
        Table.Builder table = Table.builder(Section.CLEAN, "table1-clean-accuracy", "Table 1: clean accuracy and training time")
                .note("Test set, no attack. Song level aggregates a track's segments by summed log-probability or by "
                        + "majority vote.")
                .column("model", Style.TEXT).column("description", Style.TEXT).column("parameters", Style.NUMBER)
                .column("clip accuracy", Style.FRACTION).column("song accuracy (log-probability)", Style.FRACTION)
                .column("song accuracy (majority vote)", Style.FRACTION).column("macro F1", Style.FRACTION)
                .column("training seconds", Style.SECONDS).column("epochs run", Style.NUMBER).column("best epoch", Style.NUMBER);
        for (ModelMetrics model : models) {
            ModelMetrics.CleanMetrics clean = model.clean();
            ModelMetrics.Training training = model.training();
            if (clean == null && training == null) {
                continue;
            }
            table.row(model.name(), model.description(), model.parameters(),
                    clean == null ? null : clean.clipAccuracy(), clean == null ? null : clean.songAccuracyLogProbability(),
                    clean == null ? null : clean.songAccuracyMajority(), clean == null ? null : clean.macroF1(),
                    training == null ? null : training.seconds(), training == null ? null : training.epochsRun(),
                    training == null ? null : training.bestEpoch());
        }
        return table.build();
    }

    /** Table 2: the baseline under each attack and budget. */
    static Table baselineRobustness(RobustnessMetrics robustness, double decibelsPerUnit) {
        String model = robustness.modelName();
        Table.Builder table = Table.builder(Section.ROBUSTNESS, "table2-baseline-robustness",
                        "Table 2: robustness of " + model)
                .note("Every row is an attack on the undefended " + model + " with its access (white-box: full gradients; "
                        + "black-box: queries only) and its threat model (norm, budget, input box, goal). "
                        + "Robust accuracy: share of all attacked samples still classified correctly. Success rate: share of "
                        + "the correctly classified samples that the attack fooled. Perturbation medians are over successful "
                        + "attacks" + (Double.isNaN(decibelsPerUnit) ? "."
                        : "; dB = input units x " + Format.number(decibelsPerUnit) + "."))
                .column("attack", Style.TEXT).column("access", Style.TEXT).column("threat model", Style.TEXT)
                .column("epsilon", Style.NUMBER).column("epsilon (dB)", Style.NUMBER).column("samples", Style.NUMBER)
                .column("clean accuracy", Style.FRACTION).column("robust accuracy", Style.FRACTION)
                .column("success rate", Style.FRACTION).column("median Linf", Style.NUMBER).column("median L2", Style.NUMBER)
                .column("median Linf (dB)", Style.NUMBER).column("gradient evaluations per sample", Style.NUMBER)
                .column("queries per sample", Style.NUMBER).column("seconds", Style.SECONDS)
                .column("invalid outputs", Style.NUMBER);
        for (RobustnessMetrics.AttackReport report : robustness.reports()) {
            RobustnessMetrics.ThreatModel threat = report.threatModel();
            double epsilonDb = threat.norm().equalsIgnoreCase("Linf") ? threat.epsilon() * decibelsPerUnit : Double.NaN;
            table.row(report.attack(), report.access(), threat.describe(), threat.epsilon(), epsilonDb, report.samples(),
                    report.cleanAccuracy(), report.robustAccuracy(), report.successRate(), report.medianPerturbation("Linf"),
                    report.medianPerturbation("L2"), report.medianPerturbation("Linf_dB"), report.meanGradientEvaluations(),
                    report.meanQueries(), report.seconds(), report.invalidOutputs());
        }
        return table.build();
    }

    /** Table 3: each model's clean accuracy and its change from the baseline. */
    static Table defensesClean(DefenseMetrics defenses) {
        Table.Builder table = Table.builder(Section.DEFENSES, "table3-defenses-clean", "Table 3: clean accuracy of the defenses")
                .note("Test set, no attack; the first row is the undefended baseline.")
                .column("model", Style.TEXT).column("description", Style.TEXT).column("clean accuracy", Style.FRACTION)
                .column("change from baseline", Style.CHANGE).column("training seconds", Style.SECONDS);
        for (DefenseMetrics.DefendedModel model : defenses.models()) {
            table.row(model.model(), model.description(), model.cleanAccuracy(), model.changeFromBaseline(),
                    model.trainingSeconds());
        }
        return table.build();
    }

    /**
     * Table 4: accuracy under attack, one row per model and kind of evaluation, one column per
     * attack and budget; the threat model of every column is listed in the note.
     */
    static Table defensesUnderAttack(DefenseMetrics defenses) {
        Map<String, String> columns = new LinkedHashMap<>(); // column header -> threat model
        Map<EvaluatedModel, Map<String, Double>> rows = new LinkedHashMap<>(); // -> column header -> accuracy
        for (DefenseMetrics.DefendedModel model : defenses.models()) {
            for (DefenseMetrics.AttackedAccuracy number : model.underAttack()) {
                String header = number.attack() + " eps=" + Format.number(number.epsilon());
                columns.putIfAbsent(header, number.threatModel());
                EvaluatedModel row = new EvaluatedModel(model.model(), number.kind(), number.adaptive());
                rows.computeIfAbsent(row, r -> new LinkedHashMap<>()).put(header, number.accuracy());
            }
        }
        List<String> threats = new ArrayList<>();
        columns.forEach((header, threat) -> threats.add(header + ": " + (threat == null ? "not recorded" : threat)));
        Table.Builder table = Table.builder(Section.DEFENSES, "table4-defenses-under-attack",
                        "Table 4: accuracy under attack per defense")
                .note("Each row states how the attack's gradients were obtained: white-box (the model is differentiable, "
                        + "the plain attack is already adaptive), naive (a non-differentiable defense blocked the gradients: "
                        + "overstates robustness) or adaptive (the attack accounts for the defense, e.g. BPDA). Threat models: "
                        + String.join("; ", threats) + ".")
                .column("model", Style.TEXT).column("kind", Style.TEXT).column("adaptive", Style.TEXT);
        columns.keySet().forEach(header -> table.column(header, Style.FRACTION));
        for (Map.Entry<EvaluatedModel, Map<String, Double>> row : rows.entrySet()) {
            EvaluatedModel key = row.getKey();
            List<Object> cells = new ArrayList<>(List.of(key.model(), key.kind(), key.adaptive()));
            columns.keySet().forEach(header -> cells.add(row.getValue().get(header)));
            table.row(cells.toArray());
        }
        return table.build();
    }

    /**
     * Every defense under the minimum-norm attacks (FMN, DDN in their own norm): the median minimal
     * norm, and robust accuracy and success within each stated budget, per kind of evaluation.
     *
     * @param byRun the defenses of each run by its name in a study ("" for a single run: no run column)
     */
    static Table defensesMinimumNorm(Map<String, DefenseMetrics> byRun) {
        boolean study = !byRun.containsKey("");
        List<Double> budgets = new ArrayList<>();
        byRun.values().forEach(d -> d.minimumNorm().forEach(r -> r.budgets().forEach(p -> {
            if (!budgets.contains(p.epsilon())) {
                budgets.add(p.epsilon());
            }
        })));
        Table.Builder table = Table.builder(Section.DEFENSES, "table4b-defenses-minimum-norm",
                        "Defenses under minimum-norm attacks")
                .note("Each minimum-norm attack runs once without a budget; its results are read off the per-sample minimal "
                        + "norms: the median over successful samples, and accuracy and success (among correctly classified "
                        + "samples) when only perturbations within each budget count. Kind as in Table 4.");
        if (study) {
            table.column("run", Style.TEXT);
        }
        table.column("model", Style.TEXT).column("attack", Style.TEXT).column("threat model", Style.TEXT)
                .column("kind", Style.TEXT).column("adaptive", Style.TEXT).column("median minimal norm", Style.NUMBER)
                .column("success rate (unbounded)", Style.FRACTION);
        budgets.forEach(b -> table.column("accuracy at " + Format.number(b), Style.FRACTION)
                .column("success at " + Format.number(b), Style.FRACTION));
        byRun.forEach((run, defenses) -> defenses.minimumNorm().forEach(r -> {
            List<Object> cells = new ArrayList<>();
            if (study) {
                cells.add(run);
            }
            cells.addAll(List.of(r.model(), r.attack(), String.valueOf(r.threatModel()), r.kind(), r.adaptive()));
            cells.add(r.medianNorm());
            cells.add(r.successRate());
            for (double b : budgets) {
                DefenseMetrics.BudgetPoint point = r.budgets().stream().filter(p -> p.epsilon() == b).findFirst().orElse(null);
                cells.add(point == null ? null : point.robustAccuracy());
                cells.add(point == null ? null : point.successRate());
            }
            table.row(cells.toArray());
        }));
        return table.build();
    }

    /** One row of Table 4: a model evaluated one way (white-box, naive or adaptive). */
    private record EvaluatedModel(String model, String kind, boolean adaptive) {
    }

    /** Table 6: the best defense per budget, judged by adaptive accuracy. */
    static Table bestDefense(DefenseMetrics defenses, double decibelsPerUnit) {
        Table.Builder table = Table.builder(Section.DEFENSES, "table6-best-defense", "Table 6: best defense per budget")
                .note("Judged by adaptive (or white-box) accuracy only: a naive number never wins.")
                .column("attack", Style.TEXT).column("threat model", Style.TEXT).column("epsilon", Style.NUMBER)
                .column("epsilon (dB)", Style.NUMBER).column("best model", Style.TEXT)
                .column("adaptive accuracy", Style.FRACTION).column("gain over baseline", Style.CHANGE);
        for (DefenseMetrics.BestDefense best : defenses.bestPerEpsilon()) {
            boolean linf = "Linf".equalsIgnoreCase(defenses.normOf(best.attack()));
            table.row(best.attack(), defenses.threatModelOf(best.attack(), best.epsilon()), best.epsilon(),
                    linf ? best.epsilon() * decibelsPerUnit : Double.NaN, best.model(), best.accuracy(), best.gainOverBaseline());
        }
        return table.build();
    }

    /** The detectors: how well they separate clean from adversarial inputs, naive and adaptive. */
    static Table detectors(DefenseMetrics defenses) {
        Table.Builder table = Table.builder(Section.DEFENSES, "detectors", "Feature-squeezing detectors")
                .note("Threshold calibrated on clean validation data. Detection rate: successful adversarial inputs flagged. "
                        + "Fooled and undetected: attacked inputs misclassified and not flagged. Combined: the classifier with "
                        + "the detector in front (flagged inputs rejected), as shares of all inputs. Naive: the attack ignores "
                        + "the detector; adaptive: its loss also keeps the detector quiet.")
                .column("detector", Style.TEXT).column("attack", Style.TEXT).column("kind", Style.TEXT)
                .column("threshold", Style.NUMBER).column("false positive rate", Style.FRACTION)
                .column("detection rate", Style.FRACTION).column("AUC", Style.NUMBER)
                .column("fooled and undetected", Style.FRACTION)
                .column("clean: accepted correct", Style.FRACTION).column("clean: accepted wrong", Style.FRACTION)
                .column("clean: rejected", Style.FRACTION).column("adversarial: accepted correct", Style.FRACTION)
                .column("adversarial: accepted wrong", Style.FRACTION).column("adversarial: rejected", Style.FRACTION);
        for (DefenseMetrics.DetectorMetrics detector : defenses.detectors()) {
            DefenseMetrics.Outcome clean = detector.combinedClean();
            DefenseMetrics.Outcome adversarial = detector.combinedAdversarial();
            table.row(detector.detector(), detector.attack(), detector.kind(), detector.threshold(),
                    detector.falsePositiveRate(), detector.detectionRate(), detector.auc(), detector.fooledAndUndetected(),
                    clean == null ? null : clean.acceptedCorrect(), clean == null ? null : clean.acceptedWrong(),
                    clean == null ? null : clean.rejected(), adversarial == null ? null : adversarial.acceptedCorrect(),
                    adversarial == null ? null : adversarial.acceptedWrong(),
                    adversarial == null ? null : adversarial.rejected());
        }
        return table.build();
    }

    /** The sanity checklist of every model, one row per check. */
    static Table checklists(List<Checklist> checklists) {
        Table.Builder table = Table.builder(Section.CHECKLISTS, "sanity-checklist", "Sanity checklist per model")
                .note("Checks from Carlini et al. 2019, \"On Evaluating Adversarial Robustness\". A WARN means the "
                        + "robustness numbers of that model need a closer look before they are trusted.")
                .column("model", Style.TEXT).column("check", Style.TEXT).column("verdict", Style.VERDICT)
                .column("detail", Style.TEXT);
        for (Checklist checklist : checklists) {
            for (Checklist.Item item : checklist.items()) {
                table.row(checklist.model(), item.check(), item.verdict(), item.detail());
            }
        }
        return table.build();
    }

    /** The deletion check: does removing the most attended input cells hurt more than removing random ones? */
    static Table faithfulness(GradCamMetrics.Faithfulness faithfulness) {
        return Table.builder(Section.GRADCAM, "gradcam-faithfulness", "Faithfulness of the Grad-CAM maps")
                .note("Mean drop of the clean class probability when the most attended share of the input, or a random "
                        + "share as large, is set to the input box's minimum. A faithful map makes the first drop clearly "
                        + "larger than the second.")
                .column("share of the input removed", Style.FRACTION).column("samples", Style.NUMBER)
                .column("mean drop (most attended)", Style.NUMBER).column("mean drop (random)", Style.NUMBER)
                .row(faithfulness.fraction(), faithfulness.samples(), faithfulness.meanDropAttended(),
                        faithfulness.meanDropRandom())
                .build();
    }

    /** How far Grad-CAM attention moves under each attack: the mean, then per class. */
    static Table attentionShift(GradCamMetrics gradcam) {
        Table.Builder table = Table.builder(Section.GRADCAM, "attention-shift", "Attention shift under attack")
                .note("Between each sample's clean and attacked Grad-CAM map: correlation (1 = unchanged), share of the map's "
                        + "mass that moved, and the distance between the maps' centres of mass in bins.")
                .column("attack", Style.TEXT).column("threat model", Style.TEXT).column("class", Style.TEXT)
                .column("correlation", Style.NUMBER).column("moved mass", Style.FRACTION)
                .column("centre shift (bins)", Style.NUMBER);
        for (Map.Entry<String, GradCamMetrics.AttentionShift> entry : gradcam.attentionShift().entrySet()) {
            String attack = entry.getKey();
            String threat = gradcam.threatModels().get(attack);
            String threatText = threat == null ? "white-box" : "white-box, " + threat;
            GradCamMetrics.Shift mean = entry.getValue().mean();
            if (!mean.isEmpty()) {
                table.row(attack, threatText, "all classes (mean)", mean.correlation(), mean.movedMass(), mean.centreShiftBins());
            }
            entry.getValue().perClass().forEach((name, shift) -> table.row(attack, threatText, name, shift.correlation(),
                    shift.movedMass(), shift.centreShiftBins()));
        }
        return table.build();
    }
}
