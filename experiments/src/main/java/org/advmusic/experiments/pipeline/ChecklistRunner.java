package org.advmusic.experiments.pipeline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.advmusic.attacks.Norm;
import org.advmusic.attacks.evaluation.RobustnessEvaluator;
import org.advmusic.attacks.evaluation.SanityChecklist;
import org.advmusic.experiments.config.ExperimentConfig;
import org.advmusic.nn.Classifier;
import org.advmusic.nn.train.LabeledData;

/** Runs the sanity checklist on one model and appends it to {@code metrics.checklists}. */
final class ChecklistRunner {
    private ChecklistRunner() {
    }

    static void run(String model, Classifier classifier, LabeledData subset, PreparedData data, ExperimentConfig config,
                    RunDirectory run) {
        ExperimentConfig.AttackConfig a = config.attacks();
        SanityChecklist.Settings settings = SanityChecklist.Settings.around(Norm.parse(a.norm()), data.box(),
                a.checklistEpsilon(), a.pgdSteps(), Math.max(20, a.geneticQueries()), config.seed());
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
        ArrayNode checklists = run.metrics().has("checklists") ? (ArrayNode) run.metrics().get("checklists")
                : run.metrics().putArray("checklists");
        for (int i = 0; i < checklists.size(); i++) {
            if (model.equals(checklists.get(i).path("model").asText())) {
                checklists.remove(i);
                break;
            }
        }
        ObjectNode entry = checklists.addObject();
        entry.put("model", model);
        entry.set("items", result.toJson());
    }
}
