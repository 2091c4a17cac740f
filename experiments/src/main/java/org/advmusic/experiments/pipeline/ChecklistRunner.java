package org.advmusic.experiments.pipeline;

import org.advmusic.attacks.evaluation.RobustnessEvaluator;
import org.advmusic.attacks.evaluation.SanityChecklist;
import org.advmusic.experiments.config.ExperimentConfig;
import org.advmusic.experiments.results.Checklist;
import org.advmusic.nn.Classifier;
import org.advmusic.nn.train.LabeledData;

/** Runs the sanity checklist on one model at the reference budget. */
final class ChecklistRunner {
    private ChecklistRunner() {
    }

    /**
     * @param model      the model's name in the results
     * @param checkpoint the hash of its weights
     * @param subset     the attacked samples; the first {@code attacks.checklist_samples} are checked (all when 0)
     */
    static Checklist run(String model, String checkpoint, Classifier classifier, LabeledData subset, PreparedData data,
                         AttackFactory factory, ExperimentConfig.AttackConfig a) {
        SanityChecklist.Settings settings = factory.checklist();
        if (a.checklistSamples() > 0 && a.checklistSamples() < subset.size()) {
            subset = subset.subset(java.util.stream.IntStream.range(0, a.checklistSamples()).toArray());
        }
        RobustnessEvaluator evaluator = new RobustnessEvaluator(classifier, subset.inputs(), subset.labels(), data.classes(),
                a.batchSize(), data.decibelsPerUnit());
        long start = System.nanoTime();
        System.out.printf("sanity checklist of %s on %d samples ...%n", model, subset.size());
        SanityChecklist.Result result = SanityChecklist.run(evaluator, settings);
        System.out.printf("sanity checklist of %s: %d of %d checks pass (%.1f s)%n", model,
                result.items().stream().filter(i -> i.verdict() == SanityChecklist.Verdict.PASS).count(),
                result.items().size(), (System.nanoTime() - start) / 1e9);
        return Checklist.of(model, checkpoint, result);
    }
}
