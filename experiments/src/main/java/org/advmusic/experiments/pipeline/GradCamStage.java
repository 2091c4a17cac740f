package org.advmusic.experiments.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.advmusic.attacks.Attack;
import org.advmusic.attacks.AttackResult;
import org.advmusic.engine.DType;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.io.Safetensors;
import org.advmusic.experiments.config.ExperimentConfig;
import org.advmusic.experiments.results.GradCamMetrics;
import org.advmusic.nn.Model;
import org.advmusic.nn.explain.AttentionShift;
import org.advmusic.nn.explain.AttentionShiftSummary;
import org.advmusic.nn.explain.CamMethod;
import org.advmusic.nn.explain.CamResult;
import org.advmusic.nn.explain.ClassMaps;
import org.advmusic.nn.explain.ExplainedClass;
import org.advmusic.nn.explain.Faithfulness;
import org.advmusic.nn.explain.GradCam;
import org.advmusic.nn.metrics.Metrics;
import org.advmusic.nn.train.Inference;
import org.advmusic.nn.train.LabeledData;

/**
 * Grad-CAM analyses as in the seed study: maps of correctly classified test samples (a few per
 * class), of naturally misclassified ones, and of FGSM and PGD versions of the same samples; how far
 * attention moves under attack, averaged per class over the attacked samples; and a faithfulness
 * check (confidence drop when the most attended region is removed, against a random region).
 * Attacked maps explain the true class, so clean and attacked maps of a correct sample answer the
 * same question; the clean maps explain the class {@code gradcam.explained_class} names (the
 * predicted class shows why a natural failure failed; both adds a panel).
 */
public final class GradCamStage {
    private static final double FAITHFULNESS_FRACTION = 0.1;
    /** The tensor (and figure panel) of the clean maps of the predicted class when both classes are explained. */
    private static final String PREDICTED_CLASS = "clean-predicted-class";

    private GradCamStage() {
    }

    /**
     * Explains {@code target} on test samples and their attacked versions at the reference budget;
     * writes {@code tensors/gradcam.safetensors}.
     *
     * @return the section, or null when Grad-CAM does not apply (no convolutional model, no sample selected)
     */
    public static GradCamMetrics run(TrainingStage.Trained target, PreparedData data, AttackFactory factory,
                                     ExperimentConfig.GradCamConfig g, int batchSize, long seed, RunDirectory run) {
        Model model = target.model();
        if (!data.spectrograms() || model.architecture().equals("Mlp")) {
            System.out.println("gradcam: skipped (Grad-CAM needs a convolutional model on spectrograms)");
            return null;
        }
        model.eval();
        String layer = g.layer() != null ? g.layer() : GradCam.defaultLayer(model);
        GradCam cam = new GradCam(model, layer, g.plusPlus() ? CamMethod.GRAD_CAM_PLUS_PLUS : CamMethod.GRAD_CAM);
        LabeledData test = data.test().data();
        int[] predicted = Metrics.argmaxRows(Inference.logits(model, test.inputs(), batchSize));
        List<Integer> rows = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        int[] perClass = new int[data.classes().size()];
        int misclassified = 0;
        for (int i = 0; i < test.size(); i++) {
            int label = test.labels()[i];
            if (predicted[i] == label && perClass[label] < g.perClass()) {
                perClass[label]++;
                rows.add(i);
                groups.add("correct");
            } else if (predicted[i] != label && misclassified < g.misclassified()) {
                misclassified++;
                rows.add(i);
                groups.add("misclassified");
            }
        }
        if (rows.isEmpty()) {
            System.out.println("gradcam: skipped (no samples selected)");
            return null;
        }
        LabeledData samples = test.subset(rows.stream().mapToInt(Integer::intValue).toArray());
        double eps = factory.budgets().reference();
        Map<String, Attack> attacks = new LinkedHashMap<>();
        attacks.put("FGSM", factory.fgsm(eps));
        attacks.put("PGD", factory.pgd(eps));

        ClassMaps cleanMaps = cam.explain(samples.inputs(), samples.labels(), ExplainedClass.parse(g.explainedClass()));
        CamResult clean = cleanMaps.primary();
        Map<String, AttackResult> attacked = new LinkedHashMap<>();
        Map<String, CamResult> maps = new LinkedHashMap<>();
        for (Map.Entry<String, Attack> e : attacks.entrySet()) {
            AttackResult result = e.getValue().run(model, samples.inputs(), samples.labels());
            attacked.put(e.getKey(), result);
            maps.put(e.getKey(), cam.explain(result.adversarial(), samples.labels()));
        }

        List<GradCamMetrics.Sample> list = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Integer> predictions = new LinkedHashMap<>();
            predictions.put("clean", predicted[rows.get(i)]);
            predictions.put("fgsm", attacked.get("FGSM").adversarialPredictions()[i]);
            predictions.put("pgd", attacked.get("PGD").adversarialPredictions()[i]);
            list.add(new GradCamMetrics.Sample(rows.get(i), data.test().trackIds()[rows.get(i)], samples.labels()[i], groups.get(i),
                    predictions));
        }
        int[] correctRows = java.util.stream.IntStream.range(0, rows.size()).filter(i -> groups.get(i).equals("correct")).toArray();
        Map<String, GradCamMetrics.AttentionShift> shift = new LinkedHashMap<>();
        Map<String, String> threats = new LinkedHashMap<>();
        for (Map.Entry<String, CamResult> e : maps.entrySet()) {
            List<AttentionShift> all = AttentionShift.between(clean, e.getValue());
            List<AttentionShift> attackedOnly = new ArrayList<>();
            int[] labels = new int[correctRows.length];
            for (int j = 0; j < correctRows.length; j++) {
                attackedOnly.add(all.get(correctRows[j]));
                labels[j] = samples.labels()[correctRows[j]];
            }
            shift.put(e.getKey(), GradCamMetrics.AttentionShift.of(AttentionShiftSummary.of(attackedOnly, labels, data.classes())));
            threats.put(e.getKey(), attacks.get(e.getKey()).threatModel().describe());
        }
        GradCamMetrics.Faithfulness faithfulness = null;
        if (correctRows.length > 0) {
            LabeledData correct = samples.subset(correctRows);
            CamResult correctMaps = cam.explain(correct.inputs(), correct.labels());
            faithfulness = GradCamMetrics.Faithfulness.of(Faithfulness.measure(model, correct.inputs(), correctMaps,
                    FAITHFULNESS_FRACTION, data.box().lower(), seed));
        }
        writeMaps(run, samples, clean, clean == cleanMaps.trueClass() ? cleanMaps.predictedClass() : null, maps, attacked);
        String method = (g.plusPlus() ? "Grad-CAM++" : "Grad-CAM") + switch (g.explainedClass()) {
            case "true" -> " (clean maps of the true class)";
            case "predicted" -> " (clean maps of the predicted class)";
            default -> " (clean maps of the true class; " + PREDICTED_CLASS + ": of the predicted class)";
        };
        return new GradCamMetrics(target.name(), target.checkpoint(), layer, method, list,
                shift, threats, faithfulness);
    }

    private static void writeMaps(RunDirectory run, LabeledData samples, CamResult clean, CamResult predictedClass,
                                  Map<String, CamResult> maps, Map<String, AttackResult> attacked) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("inputs", samples.inputs());
        tensors.put("clean", clean.normalizedMaps());
        if (predictedClass != null) {
            tensors.put(PREDICTED_CLASS, predictedClass.normalizedMaps());
        }
        for (Map.Entry<String, CamResult> e : maps.entrySet()) {
            String key = e.getKey().toLowerCase();
            tensors.put(key, e.getValue().normalizedMaps());
            tensors.put(key + "_inputs", attacked.get(e.getKey()).adversarial());
        }
        try {
            Safetensors.write(run.file("tensors/gradcam.safetensors"), tensors, Map.of(), DType.F32);
        } catch (IOException e) {
            throw new UncheckedIOException("Grad-CAM maps cannot be written: " + e.getMessage(), e);
        }
    }
}
