package org.advmusic.experiments.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.advmusic.attacks.Attack;
import org.advmusic.attacks.AttackResult;
import org.advmusic.attacks.evaluation.FeaturePerturbations;
import org.advmusic.attacks.evaluation.RobustnessCurve;
import org.advmusic.attacks.evaluation.RobustnessEvaluator;
import org.advmusic.attacks.evaluation.RobustnessReport;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.io.Safetensors;
import org.advmusic.experiments.config.ExperimentConfig;
import org.advmusic.experiments.results.Checklist;
import org.advmusic.experiments.results.FeaturePerturbationMetrics;
import org.advmusic.experiments.results.ResultsJson;
import org.advmusic.experiments.results.RobustnessMetrics;
import org.advmusic.experiments.results.SampleRow;
import org.advmusic.nn.Classifier;
import org.advmusic.nn.train.LabeledData;

/**
 * A model under attack: the robustness grid ({@link AttackCell#grid}: FGSM and PGD at every budget of
 * the table, the minimum-norm attacks, whose per-sample minimal norms give the same curve in one run,
 * and the genetic black-box attack), the sanity checklist, and a few attacked examples for the figures
 * ({@code tensors/examples.safetensors} of spectrograms; for a tabular model, what FGSM and PGD at the
 * reference budget and the minimum-norm attacks changed in each named feature). On audio tracks the unit of work is a track, seeded per track
 * and cell ({@link TrackEvaluator}), exactly as a sweep's tasks run it; tabular data is attacked in
 * batches of a seeded sample. Every attacked sample is written as a row of
 * {@code samples/robustness-<model>.csv} ({@link SampleRow}, the columns of a sweep's Parquet rows).
 */
public final class RobustnessStage {
    /** The per-sample rows of a model, relative to the run folder. */
    public static String samplesFile(String model) {
        return "samples/robustness-" + model + ".csv";
    }

    private RobustnessStage() {
    }

    /**
     * What the stage measured.
     *
     * @param rows      every attacked sample, grouped by cell in grid order, then in sample order
     * @param checklist null when {@code attacks.checklist} is off
     */
    public record Outcome(RobustnessMetrics robustness, List<SampleRow> rows, Checklist checklist) {
    }

    /** Runs the grid on a seeded subset of the test split (whole tracks where the data has audio tracks). */
    public static Outcome run(TrainingStage.Trained target, PreparedData data, AttackFactory factory,
                              ExperimentConfig.AttackConfig a, long seed, RunDirectory run) {
        target.model().eval();
        List<AttackCell> cells = AttackCell.grid(factory, a);
        PreparedData.Split test = data.test();
        LabeledData subset;
        List<SampleRow> rows;
        List<FeaturePerturbationMetrics> perFeature = new ArrayList<>();
        if (test.origins() != null) {
            List<AttackTrack> tracks = AttackTracks.select(test, a.samples(), seed);
            subset = test.data().subset(AttackTracks.rowsOf(test, tracks));
            try (Progress progress = Progress.start("attacking " + target.name(), (long) cells.size() * subset.size(), "samples")) {
                rows = new TrackEvaluator(target.model(), target.name(), target.checkpoint(), factory)
                        .evaluate(AttackTracks.featuresOf(test, tracks), cells, Set.of(), progress::stepTo);
                progress.done();
            }
            rows = SampleAggregation.inGridOrder(rows, cells);
        } else {
            int[] chosen = AttackSubset.rows(test.data().size(), a.samples(), seed);
            subset = test.data().subset(chosen);
            String[] trackIds = java.util.Arrays.stream(chosen).mapToObj(i -> test.trackIds()[i]).toArray(String[]::new);
            rows = batched(target, subset, trackIds, cells, factory, a, data, perFeature);
        }
        List<SampleAggregation.CellSummary> summaries = SampleAggregation.summaries(rows, cells, new SampleAggregation.Context(
                data.box(), data.classes(), data.decibelsPerUnit(), factory.minimumNormBudgets().epsilons()));
        RobustnessMetrics robustness = SampleAggregation.metrics(target.name(), target.checkpoint(), cells, summaries,
                factory.budgets()).withFeaturePerturbations(perFeature);
        SampleAggregation.write(run.file(samplesFile(target.name())), rows);
        return new Outcome(robustness, rows, checklistAndExamples(target, data, factory, a, subset, run));
    }

    /**
     * What the stage adds to its grid, on the attacked samples: the sanity checklist (when
     * {@code attacks.checklist}) and, for a spectrogram model, the attacked examples of the figures
     * ({@code tensors/examples.safetensors}, when {@code attacks.examples > 0}). A sweep's driver runs
     * it after the sweep's grid.
     *
     * @param subset the attacked samples (of whole tracks on audio data)
     * @return the checklist, or null when {@code attacks.checklist} is off
     */
    public static Checklist checklistAndExamples(TrainingStage.Trained target, PreparedData data, AttackFactory factory,
                                                 ExperimentConfig.AttackConfig a, LabeledData subset, RunDirectory run) {
        Checklist checklist = a.checklist()
                ? ChecklistRunner.run(target.name(), target.checkpoint(), target.model(), subset, data, factory, a) : null;
        if (a.examples() > 0 && data.spectrograms()) { // a tabular model's examples are in its feature perturbations
            writeExamples(a.examples(), factory, data, target.model(), subset, run);
        }
        return checklist;
    }

    /**
     * Tabular data: every cell over the chosen rows in batches of {@code attacks.batch_size}, one seed for all.
     *
     * @param perFeature receives, for tabular features, what FGSM and PGD at the reference budget and the
     *                   minimum-norm attacks changed in each feature
     */
    private static List<SampleRow> batched(TrainingStage.Trained target, LabeledData subset, String[] trackIds,
                                           List<AttackCell> cells, AttackFactory factory, ExperimentConfig.AttackConfig a,
                                           PreparedData data, List<FeaturePerturbationMetrics> perFeature) {
        RobustnessEvaluator evaluator = new RobustnessEvaluator(target.model(), subset.inputs(), subset.labels(), data.classes(),
                a.batchSize(), data.decibelsPerUnit());
        List<SampleRow> rows = new ArrayList<>();
        try (Progress progress = Progress.start("attacking " + target.name(), (long) cells.size() * subset.size(), "samples")) {
            long done = 0;
            for (AttackCell cell : cells) {
                long offset = done;
                RobustnessReport report = evaluator.evaluate(cell.attack(factory), n -> progress.stepTo(offset + n));
                rows.addAll(SampleAggregation.rows(report, cell, trackIds, target.name(), target.checkpoint()));
                boolean described = cell.minimumNorm() || cell.epsilon() == factory.budgets().reference()
                        && (cell.family().equals("FGSM") || cell.family().equals("PGD"));
                if (!data.spectrograms() && described && report.example() != null) {
                    perFeature.add(perFeature(report.example(), data, a.examples()));
                }
                done += subset.size();
            }
            progress.done();
        }
        return rows;
    }

    /**
     * The robustness section of a model from its cells' summaries ({@link SampleAggregation#summarize}), in
     * the order this stage runs them: one entry per cell, the minimal norms of the minimum-norm attacks,
     * and the curves (each fixed-epsilon family's, epsilon 0 being {@code clean}, then those read off the
     * minimal norms; the genetic attack, at one budget, has none). A sweep builds the same section from
     * the summaries Spark computed.
     *
     * @param cells     the grid, in order
     * @param summaries one per cell, in the grid's order
     */
    public static RobustnessMetrics summarize(String model, String checkpoint, List<AttackCell> cells,
                                              List<SampleAggregation.CellSummary> summaries, Budgets budgets) {
        List<RobustnessMetrics.AttackReport> entries = new ArrayList<>();
        List<RobustnessMetrics.MinimumNorms> minimumNorms = new ArrayList<>();
        List<RobustnessMetrics.Curve> minimalCurves = new ArrayList<>();
        Map<String, List<Double>> fixedFamilies = new LinkedHashMap<>();
        for (int k = 0; k < cells.size(); k++) {
            SampleAggregation.CellSummary summary = summaries.get(k);
            entries.add(summary.report());
            if (cells.get(k).minimumNorm()) {
                minimumNorms.add(summary.minimumNorms());
                minimalCurves.add(summary.minimalCurve());
            } else if (!cells.get(k).family().equals("Genetic")) {
                fixedFamilies.computeIfAbsent(summary.report().attack(), a -> new ArrayList<>()).add(summary.report().robustAccuracy());
            }
        }
        RobustnessMetrics.AttackReport first = summaries.get(0).report();
        List<RobustnessMetrics.Curve> curves = new ArrayList<>();
        fixedFamilies.forEach((name, robust) -> curves.add(RobustnessMetrics.Curve.of(fixedCurve(name, first.cleanAccuracy(),
                robust, budgets))));
        curves.addAll(minimalCurves);
        return new RobustnessMetrics(model, checkpoint, first.samples(), entries, curves, minimumNorms, List.of());
    }

    /** The curve of one fixed-epsilon attack family from its robust accuracies, budget by budget (epsilon 0: clean accuracy). */
    private static RobustnessCurve fixedCurve(String name, double clean, List<Double> robust, Budgets budgets) {
        double[] epsilons = budgets.epsilons();
        double[] accuracy = new double[epsilons.length];
        for (int k = 0, r = 0; k < epsilons.length; k++) {
            accuracy[k] = epsilons[k] == 0 ? clean : robust.get(r++);
        }
        return new RobustnessCurve(name, budgets.norm(), "fixed-epsilon attacks", epsilons, accuracy);
    }

    /**
     * What an attack changed in each named feature of a tabular model over its first attacked batch,
     * as shares of each feature's training range (input units), with the ranges.
     *
     * @param examples how many misclassified samples to keep
     */
    private static FeaturePerturbationMetrics perFeature(AttackResult batch, PreparedData data, int examples) {
        MinMaxScaling scaling = MinMaxScaling.recorded(data.normalization());
        List<String> names = scaling != null ? scaling.featureNames() : java.util.stream.IntStream
                .range(0, data.inputShape().dim(0)).mapToObj(f -> "feature " + f).toList();
        return FeaturePerturbationMetrics.of(FeaturePerturbations.of(batch, names, null, examples,
                FeaturePerturbationMetrics.HISTOGRAM_BINS), scaling != null ? scaling.ranges() : null, batch.size(),
                data.classes());
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
