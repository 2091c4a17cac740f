package org.advmusic.experiments.pipeline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.advmusic.attacks.Attack;
import org.advmusic.attacks.AttackResult;
import org.advmusic.attacks.Ddn;
import org.advmusic.attacks.Fgsm;
import org.advmusic.attacks.Fmn;
import org.advmusic.attacks.GeneticAttack;
import org.advmusic.attacks.Norm;
import org.advmusic.attacks.Pgd;
import org.advmusic.attacks.SampleStatus;
import org.advmusic.attacks.Targeting;
import org.advmusic.attacks.ThreatModel;
import org.advmusic.attacks.evaluation.RobustnessCurve;
import org.advmusic.attacks.evaluation.RobustnessEvaluator;
import org.advmusic.attacks.evaluation.RobustnessReport;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.io.Safetensors;
import org.advmusic.experiments.config.ExperimentConfig;
import org.advmusic.nn.Classifier;
import org.advmusic.nn.Model;
import org.advmusic.nn.train.LabeledData;

/**
 * The baseline under attack: FGSM and PGD at every epsilon (the fixed-epsilon robustness curves),
 * the minimum-norm attacks (the same curve read off their per-sample minimal norms, in one run), the
 * genetic black-box attack, the sanity checklist, and a few attacked examples for the figures.
 */
public final class RobustnessStage {
    private RobustnessStage() {
    }

    /** Runs every configured attack on a seeded subset of the test split and writes {@code metrics.robustness}. */
    public static void run(ExperimentConfig config, PreparedData data, Model model, RunDirectory run) {
        ExperimentConfig.AttackConfig a = config.attacks();
        model.eval();
        LabeledData subset = AttackSubset.of(data.test().data(), a.samples(), config.seed());
        RobustnessEvaluator evaluator = new RobustnessEvaluator(model, subset.inputs(), subset.labels(), data.classes(),
                a.batchSize(), data.decibelsPerUnit());
        Norm norm = Norm.parse(a.norm());
        ThreatModel base = new ThreatModel(norm, Double.POSITIVE_INFINITY, data.box(), Targeting.untargeted());
        List<Attack> fixed = new ArrayList<>();
        for (double eps : a.epsilons()) {
            if (eps > 0) {
                fixed.add(new Fgsm(base.withEpsilon(eps)));
                fixed.add(new Pgd(base.withEpsilon(eps), new Pgd.Settings(a.pgdSteps(), 2.5 * eps / a.pgdSteps(), true,
                        a.pgdRestarts(), false, config.seed())));
            }
        }
        List<Attack> minimumNorm = new ArrayList<>();
        if (a.fmnSteps() > 0) {
            minimumNorm.add(new Fmn(base, Fmn.Settings.standard(a.fmnSteps())));
        }
        if (a.ddnSteps() > 0 && norm == Norm.L2) {
            minimumNorm.add(new Ddn(base, new Ddn.Settings(a.ddnSteps(), 1.0, 0.05, config.seed())));
        }
        Attack genetic = a.geneticQueries() > 0 ? new GeneticAttack(base.withEpsilon(a.geneticEpsilon()),
                GeneticAttack.Settings.standard(a.geneticQueries(), GeneticAttack.Feedback.SCORES, config.seed())) : null;

        ObjectNode section = RunDirectory.JSON.createObjectNode();
        section.put("model", "baseline");
        section.put("samples", subset.size());
        ArrayNode reports = section.putArray("reports");
        Map<String, List<RobustnessReport>> byFamily = new LinkedHashMap<>();
        List<Attack> all = new ArrayList<>(fixed);
        all.addAll(minimumNorm);
        if (genetic != null) {
            all.add(genetic);
        }
        try (Progress progress = Progress.start("attacking the baseline", (long) all.size() * subset.size(), "samples")) {
            long done = 0;
            for (Attack attack : all) {
                long offset = done;
                RobustnessReport report = evaluator.evaluate(attack, n -> progress.stepTo(offset + n));
                done += subset.size();
                reports.add(report.toJson());
                byFamily.computeIfAbsent(attack.name(), k -> new ArrayList<>()).add(report);
                if (minimumNorm.contains(attack)) {
                    section.withArray("minimum_norms").add(minimumNormsJson(report, data.decibelsPerUnit()));
                }
            }
        }
        ArrayNode curves = section.putArray("curves");
        double clean = evaluator.cleanAccuracy();
        for (Map.Entry<String, List<RobustnessReport>> family : byFamily.entrySet()) {
            List<RobustnessReport> list = family.getValue();
            boolean minimal = minimumNorm.stream().anyMatch(m -> m.name().equals(family.getKey()));
            boolean single = genetic != null && family.getKey().equals(genetic.name()); // one epsilon: no curve
            if (minimal) {
                curves.add(RobustnessCurve.fromMinimumNorms(list.get(0), a.epsilons()).toJson());
            } else if (!single) {
                curves.add(fixedCurve(family.getKey(), norm, clean, list, a.epsilons()).toJson());
            }
        }
        run.metrics().set("robustness", section);
        if (a.checklist()) {
            ChecklistRunner.run("baseline", model, subset, data, config, run);
        }
        if (a.examples() > 0) {
            writeExamples(config, data, model, subset, run);
        }
        run.saveMetrics();
    }

    /** The curve of one fixed-epsilon attack family from its reports (epsilon 0: clean accuracy). */
    private static RobustnessCurve fixedCurve(String name, Norm norm, double clean, List<RobustnessReport> reports,
                                              double[] epsilons) {
        double[] accuracy = new double[epsilons.length];
        for (int k = 0, r = 0; k < epsilons.length; k++) {
            accuracy[k] = epsilons[k] == 0 ? clean : reports.get(r++).robustAccuracy();
        }
        return new RobustnessCurve(name, norm, "fixed-epsilon attacks", epsilons, accuracy);
    }

    private static ObjectNode minimumNormsJson(RobustnessReport report, double decibelsPerUnit) {
        ObjectNode node = RunDirectory.JSON.createObjectNode();
        node.put("attack", report.attack());
        node.put("norm", report.threatModel().norm().label());
        ArrayNode values = node.putArray("values");
        for (int i = 0; i < report.size(); i++) {
            if (report.status()[i] == SampleStatus.SUCCEEDED) {
                values.add(report.threatModel().norm() == Norm.LINF ? report.linf()[i] : report.l2()[i]);
            } else if (report.status()[i] == SampleStatus.FAILED) {
                values.addNull();
            }
        }
        node.put("db_per_unit", decibelsPerUnit);
        return node;
    }

    /** Clean, FGSM, PGD and FMN versions of the first few attacked samples, at the checklist's epsilon. */
    private static void writeExamples(ExperimentConfig config, PreparedData data, Classifier model, LabeledData subset,
                                      RunDirectory run) {
        ExperimentConfig.AttackConfig a = config.attacks();
        int k = Math.min(a.examples(), subset.size());
        LabeledData examples = subset.subset(java.util.stream.IntStream.range(0, k).toArray());
        double eps = a.checklistEpsilon();
        ThreatModel tm = new ThreatModel(Norm.parse(a.norm()), eps, data.box(), Targeting.untargeted());
        Map<String, Attack> attacks = new LinkedHashMap<>();
        attacks.put("fgsm", new Fgsm(tm));
        attacks.put("pgd", new Pgd(tm, new Pgd.Settings(a.pgdSteps(), 2.5 * eps / a.pgdSteps(), true, 1, false, config.seed())));
        if (a.fmnSteps() > 0) {
            attacks.put("fmn", new Fmn(tm.withEpsilon(Double.POSITIVE_INFINITY), Fmn.Settings.standard(a.fmnSteps())));
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
        ArrayNode samples = RunDirectory.JSON.createArrayNode();
        for (int i = 0; i < k; i++) {
            int label = examples.labels()[i];
            samples.addObject().put("index", i).put("label", label).put("class", data.classes().get(label));
        }
        metadata.put("samples", samples.toString());
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
