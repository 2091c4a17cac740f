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
import org.advmusic.attacks.Fgsm;
import org.advmusic.attacks.Norm;
import org.advmusic.attacks.Pgd;
import org.advmusic.attacks.Targeting;
import org.advmusic.attacks.ThreatModel;
import org.advmusic.engine.DType;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.io.Safetensors;
import org.advmusic.experiments.config.ExperimentConfig;
import org.advmusic.nn.Model;
import org.advmusic.nn.explain.AttentionShift;
import org.advmusic.nn.explain.AttentionShiftSummary;
import org.advmusic.nn.explain.CamMethod;
import org.advmusic.nn.explain.CamResult;
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
 * Maps always explain the true class, so clean and attacked maps answer the same question.
 */
public final class GradCamStage {
    private static final double FAITHFULNESS_FRACTION = 0.1;

    private GradCamStage() {
    }

    public static void run(ExperimentConfig config, PreparedData data, Model model, RunDirectory run) {
        ExperimentConfig.GradCamConfig g = config.gradcam();
        if (!data.spectrograms() || config.model().architecture().equals("Mlp")) {
            System.out.println("gradcam: skipped (Grad-CAM needs a convolutional model on spectrograms)");
            return;
        }
        model.eval();
        String layer = g.layer() != null ? g.layer() : GradCam.defaultLayer(model);
        GradCam cam = new GradCam(model, layer, g.plusPlus() ? CamMethod.GRAD_CAM_PLUS_PLUS : CamMethod.GRAD_CAM);
        LabeledData test = data.test().data();
        int[] predicted = Metrics.argmaxRows(Inference.logits(model, test.inputs(), config.attacks().batchSize()));
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
            return;
        }
        LabeledData samples = test.subset(rows.stream().mapToInt(Integer::intValue).toArray());
        ThreatModel tm = new ThreatModel(Norm.parse(config.attacks().norm()), g.epsilon(), data.box(), Targeting.untargeted());
        int steps = config.attacks().pgdSteps();
        Map<String, Attack> attacks = new LinkedHashMap<>();
        attacks.put("FGSM", new Fgsm(tm));
        attacks.put("PGD", new Pgd(tm, new Pgd.Settings(steps, 2.5 * g.epsilon() / steps, true, 1, false, config.seed())));

        CamResult clean = cam.explain(samples.inputs(), samples.labels());
        Map<String, AttackResult> attacked = new LinkedHashMap<>();
        Map<String, CamResult> maps = new LinkedHashMap<>();
        for (Map.Entry<String, Attack> e : attacks.entrySet()) {
            AttackResult result = e.getValue().run(model, samples.inputs(), samples.labels());
            attacked.put(e.getKey(), result);
            maps.put(e.getKey(), cam.explain(result.adversarial(), samples.labels()));
        }

        ObjectNode section = RunDirectory.JSON.createObjectNode();
        section.put("model", "baseline");
        section.put("layer", layer);
        section.put("method", g.plusPlus() ? "Grad-CAM++" : "Grad-CAM");
        ArrayNode list = section.putArray("samples");
        for (int i = 0; i < rows.size(); i++) {
            ObjectNode s = list.addObject();
            s.put("index", rows.get(i));
            s.put("track", data.test().trackIds()[rows.get(i)]);
            s.put("label", samples.labels()[i]);
            s.put("group", groups.get(i));
            s.put("clean_prediction", predicted[rows.get(i)]);
            s.put("fgsm_prediction", attacked.get("FGSM").adversarialPredictions()[i]);
            s.put("pgd_prediction", attacked.get("PGD").adversarialPredictions()[i]);
        }
        int[] correctRows = java.util.stream.IntStream.range(0, rows.size()).filter(i -> groups.get(i).equals("correct")).toArray();
        ObjectNode shift = section.putObject("attention_shift");
        ObjectNode threats = section.putObject("threat_models");
        for (Map.Entry<String, CamResult> e : maps.entrySet()) {
            List<AttentionShift> all = AttentionShift.between(clean, e.getValue());
            List<AttentionShift> attackedOnly = new ArrayList<>();
            int[] labels = new int[correctRows.length];
            for (int j = 0; j < correctRows.length; j++) {
                attackedOnly.add(all.get(correctRows[j]));
                labels[j] = samples.labels()[correctRows[j]];
            }
            shift.set(e.getKey(), shiftJson(AttentionShiftSummary.of(attackedOnly, labels, data.classes())));
            threats.put(e.getKey(), attacks.get(e.getKey()).threatModel().describe());
        }
        if (correctRows.length > 0) {
            LabeledData correct = samples.subset(correctRows);
            CamResult correctMaps = cam.explain(correct.inputs(), correct.labels());
            section.set("faithfulness", Faithfulness.measure(model, correct.inputs(), correctMaps, FAITHFULNESS_FRACTION,
                    data.box().lower(), config.seed()).toJson());
        }
        run.metrics().set("gradcam", section);
        writeMaps(run, samples, clean, maps, attacked);
        run.saveMetrics();
    }

    /** The summary in the layout of RESULTS.md: {"mean": {...}, "per_class": {class: {...}}}. */
    private static ObjectNode shiftJson(AttentionShiftSummary summary) {
        ObjectNode node = RunDirectory.JSON.createObjectNode();
        node.set("mean", averageJson(summary.overall()));
        ObjectNode perClass = node.putObject("per_class");
        for (AttentionShiftSummary.Average a : summary.perClass()) {
            perClass.set(a.name(), averageJson(a));
        }
        return node;
    }

    private static ObjectNode averageJson(AttentionShiftSummary.Average a) {
        return RunDirectory.JSON.createObjectNode().put("samples", a.samples()).put("correlation", a.correlation())
                .put("moved_mass", a.movedMass()).put("centre_shift_bins", a.centreShiftDistance());
    }

    private static void writeMaps(RunDirectory run, LabeledData samples, CamResult clean, Map<String, CamResult> maps,
                                  Map<String, AttackResult> attacked) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("inputs", samples.inputs());
        tensors.put("clean", clean.normalizedMaps());
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
