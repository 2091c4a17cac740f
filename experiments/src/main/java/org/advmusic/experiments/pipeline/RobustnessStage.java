package org.advmusic.experiments.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.advmusic.attacks.Attack;
import org.advmusic.attacks.AttackResult;
import org.advmusic.attacks.evaluation.RobustnessCurve;
import org.advmusic.attacks.evaluation.RobustnessEvaluator;
import org.advmusic.attacks.evaluation.RobustnessReport;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.io.Safetensors;
import org.advmusic.experiments.config.ExperimentConfig;
import org.advmusic.experiments.results.Checklist;
import org.advmusic.experiments.results.ResultsJson;
import org.advmusic.experiments.results.RobustnessMetrics;
import org.advmusic.nn.Classifier;
import org.advmusic.nn.train.LabeledData;

/**
 * A model under attack: FGSM and PGD at every budget of the table (the fixed-epsilon robustness
 * curves), the minimum-norm attacks (the same curve read off their per-sample minimal norms, in one
 * run), the genetic black-box attack, the sanity checklist, and a few attacked examples for the
 * figures ({@code tensors/examples.safetensors}).
 */
public final class RobustnessStage {
    private RobustnessStage() {
    }

    /**
     * What the stage measured.
     *
     * @param checklist null when {@code attacks.checklist} is off
     */
    public record Outcome(RobustnessMetrics robustness, Checklist checklist) {
    }

    /** Runs every configured attack on a seeded subset of the test split. */
    public static Outcome run(TrainingStage.Trained target, PreparedData data, AttackFactory factory,
                              ExperimentConfig.AttackConfig a, long seed, RunDirectory run) {
        target.model().eval();
        LabeledData subset = AttackSubset.of(data.test().data(), a.samples(), seed);
        RobustnessEvaluator evaluator = new RobustnessEvaluator(target.model(), subset.inputs(), subset.labels(), data.classes(),
                a.batchSize(), data.decibelsPerUnit());
        Budgets budgets = factory.budgets();
        List<Attack> all = new ArrayList<>();
        for (double eps : budgets.positive()) {
            all.add(factory.fgsm(eps));
            all.add(factory.pgd(eps));
        }
        List<Attack> minimumNorm = new ArrayList<>();
        if (factory.fmn() != null) {
            minimumNorm.add(factory.fmn());
        }
        if (factory.ddn() != null) {
            minimumNorm.add(factory.ddn());
        }
        all.addAll(minimumNorm);
        Attack genetic = factory.genetic();
        if (genetic != null) {
            all.add(genetic);
        }
        List<RobustnessReport> reports = new ArrayList<>();
        try (Progress progress = Progress.start("attacking " + target.name(), (long) all.size() * subset.size(), "samples")) {
            long done = 0;
            for (Attack attack : all) {
                long offset = done;
                reports.add(evaluator.evaluate(attack, n -> progress.stepTo(offset + n)));
                done += subset.size();
            }
            progress.done();
        }
        Set<String> minimumNormNames = new HashSet<>();
        minimumNorm.forEach(m -> minimumNormNames.add(m.name()));
        RobustnessMetrics robustness = summarize(target.name(), target.checkpoint(), reports, minimumNormNames,
                genetic == null ? null : genetic.name(), evaluator.cleanAccuracy(), budgets,
                factory.minimumNormBudgets());
        Checklist checklist = a.checklist()
                ? ChecklistRunner.run(target.name(), target.checkpoint(), target.model(), subset, data, factory, a) : null;
        if (a.examples() > 0) {
            writeExamples(a.examples(), factory, data, target.model(), subset, run);
        }
        return new Outcome(robustness, checklist);
    }

    /**
     * The robustness section of a model from the reports of its attacks, in the order this stage runs
     * them: one entry per report, the minimal norms of the minimum-norm attacks, and the curves (each
     * fixed-epsilon family's, epsilon 0 being {@code clean}, then those read off the minimal norms; the
     * genetic attack, at one budget, has none). A sweep builds the same section from its rows.
     *
     * @param minimumNorm the names of the minimum-norm attacks
     * @param genetic     the genetic attack's name, or null
     * @param minimumNormBudgets the budgets at which the minimal-norm curves are read
     */
    public static RobustnessMetrics summarize(String model, String checkpoint, List<RobustnessReport> reports,
                                              Set<String> minimumNorm, String genetic, double clean, Budgets budgets,
                                              Budgets minimumNormBudgets) {
        List<RobustnessMetrics.AttackReport> entries = new ArrayList<>();
        List<RobustnessMetrics.MinimumNorms> minimumNorms = new ArrayList<>();
        List<RobustnessMetrics.Curve> minimalCurves = new ArrayList<>();
        Map<String, List<RobustnessReport>> fixedFamilies = new LinkedHashMap<>();
        for (RobustnessReport report : reports) {
            entries.add(RobustnessMetrics.AttackReport.of(report));
            if (minimumNorm.contains(report.attack())) {
                minimumNorms.add(RobustnessMetrics.MinimumNorms.of(report));
                minimalCurves.add(RobustnessMetrics.Curve.of(RobustnessCurve.fromMinimumNorms(report, minimumNormBudgets.epsilons())));
            } else if (!report.attack().equals(genetic)) {
                fixedFamilies.computeIfAbsent(report.attack(), k -> new ArrayList<>()).add(report);
            }
        }
        List<RobustnessMetrics.Curve> curves = new ArrayList<>();
        fixedFamilies.forEach((name, list) -> curves.add(RobustnessMetrics.Curve.of(fixedCurve(name, clean, list, budgets))));
        curves.addAll(minimalCurves);
        return new RobustnessMetrics(model, checkpoint, (long) reports.get(0).size(), entries, curves, minimumNorms);
    }

    /** The curve of one fixed-epsilon attack family from its reports (epsilon 0: clean accuracy). */
    private static RobustnessCurve fixedCurve(String name, double clean, List<RobustnessReport> reports, Budgets budgets) {
        double[] epsilons = budgets.epsilons();
        double[] accuracy = new double[epsilons.length];
        for (int k = 0, r = 0; k < epsilons.length; k++) {
            accuracy[k] = epsilons[k] == 0 ? clean : reports.get(r++).robustAccuracy();
        }
        return new RobustnessCurve(name, budgets.norm(), "fixed-epsilon attacks", epsilons, accuracy);
    }

    /** Clean, FGSM, PGD and FMN versions of the first few attacked samples, at the reference budget. */
    private static void writeExamples(int count, AttackFactory factory, PreparedData data, Classifier model, LabeledData subset,
                                      RunDirectory run) {
        int k = Math.min(count, subset.size());
        LabeledData examples = subset.subset(java.util.stream.IntStream.range(0, k).toArray());
        double eps = factory.budgets().reference();
        Map<String, Attack> attacks = new LinkedHashMap<>();
        attacks.put("fgsm", factory.fgsm(eps));
        attacks.put("pgd", factory.pgd(eps));
        if (factory.fmn() != null) {
            attacks.put("fmn", factory.fmn());
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        tensors.put("clean", examples.inputs());
        tensors.put("clean_predictions", predictions(model.logits(examples.inputs()).argmaxLastAxis(), data));
        for (Map.Entry<String, Attack> e : attacks.entrySet()) {
            AttackResult result = e.getValue().run(model, examples.inputs(), examples.labels());
            tensors.put(e.getKey(), result.adversarial());
            tensors.put(e.getKey() + "_predictions", predictions(result.adversarialPredictions(), data));
            metadata.put(e.getKey() + "_threat_model", e.getValue().threatModel().describe());
        }
        List<Map<String, Object>> samples = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            int label = examples.labels()[i];
            Map<String, Object> sample = new LinkedHashMap<>();
            sample.put("index", i);
            sample.put("label", label);
            sample.put("class", data.classes().get(label));
            samples.add(sample);
        }
        metadata.put("samples", ResultsJson.compact(samples));
        try {
            Safetensors.write(run.file("tensors/examples.safetensors"), tensors, metadata, org.advmusic.engine.DType.F32);
        } catch (IOException e) {
            throw new UncheckedIOException("examples cannot be written: " + e.getMessage(), e);
        }
    }

    private static Tensor predictions(int[] classes, PreparedData data) {
        double[] v = new double[classes.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = classes[i];
        }
        return Tensor.fromArray(data.test().data().inputs().backend(), v, v.length);
    }
}
