package org.advmusic.experiments.results;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.advmusic.nn.explain.AttentionShiftSummary;

/**
 * Grad-CAM analyses ({@code metrics.json}'s {@code gradcam} section).
 *
 * @param model          the explained model
 * @param checkpoint     the hash of the explained checkpoint's weights; null when not recorded
 * @param layer          the layer whose activations are weighted
 * @param method         Grad-CAM or Grad-CAM++
 * @param samples        the analysed samples, in the order of {@code tensors/gradcam.safetensors}
 * @param attentionShift per attack name (FGSM, PGD): how far the map moves under attack
 * @param threatModels   per attack name: its threat model in words
 * @param faithfulness   the deletion check of the maps; null when absent
 */
public record GradCamMetrics(String model, String checkpoint, String layer, String method, List<Sample> samples,
                             Map<String, AttentionShift> attentionShift, Map<String, String> threatModels,
                             Faithfulness faithfulness) {

    ObjectNode toJson() {
        ObjectNode node = ResultsJson.object();
        ResultsJson.text(node, "model", model);
        ResultsJson.text(node, "checkpoint", checkpoint);
        ResultsJson.text(node, "layer", layer);
        ResultsJson.text(node, "method", method);
        node.set("samples", ResultsJson.array(samples, Sample::toJson));
        node.set("attention_shift", ResultsJson.members(attentionShift, AttentionShift::toJson));
        node.set("threat_models", ResultsJson.members(threatModels, ResultsJson.JSON.getNodeFactory()::textNode));
        if (faithfulness != null) {
            node.set("faithfulness", faithfulness.toJson());
        }
        return node;
    }

    static GradCamMetrics parse(JsonField f) throws MalformedResultsException {
        return new GradCamMetrics(f.get("model").optionalText(), f.get("checkpoint").optionalText(), f.get("layer").optionalText(), f.get("method").optionalText(),
                f.get("samples").list(Sample::parse), f.get("attention_shift").map(AttentionShift::parse),
                f.get("threat_models").map(RobustnessMetrics.ThreatModel::text),
                f.get("faithfulness").optional(Faithfulness::parse));
    }

    /**
     * Whether the maps point at what the model uses: the drop of the class probability when the most
     * attended share of the input, or a random share as large, is set to the box minimum.
     *
     * @param fraction         the share of the input removed
     * @param samples          samples averaged over; null when absent
     * @param meanDropAttended mean probability drop when the most attended cells are removed
     * @param meanDropRandom   mean probability drop when random cells are removed
     */
    public record Faithfulness(double fraction, Long samples, double meanDropAttended, double meanDropRandom) {
        /** The means of a faithfulness measurement of the nn module. */
        public static Faithfulness of(org.advmusic.nn.explain.Faithfulness f) {
            return new Faithfulness(f.fraction(), (long) f.classes().length, f.meanAttendedDrop(), f.meanRandomDrop());
        }

        ObjectNode toJson() {
            ObjectNode node = ResultsJson.number(ResultsJson.object(), "fraction", fraction);
            ResultsJson.integer(node, "samples", samples);
            ResultsJson.number(node, "mean_drop_attended", meanDropAttended);
            return ResultsJson.number(node, "mean_drop_random", meanDropRandom);
        }

        static Faithfulness parse(JsonField f) throws MalformedResultsException {
            return new Faithfulness(f.get("fraction").fraction(), f.get("samples").optionalInteger(),
                    f.get("mean_drop_attended").optionalNumber(), f.get("mean_drop_random").optionalNumber());
        }
    }

    /**
     * One analysed sample.
     *
     * @param index       its position in the test set
     * @param group       correct, misclassified, ...
     * @param predictions predicted class index by input name (clean, fgsm, pgd), from the {@code <name>_prediction} fields
     */
    public record Sample(long index, String track, int label, String group, Map<String, Integer> predictions) {
        private static final String SUFFIX = "_prediction";

        ObjectNode toJson() {
            ObjectNode node = ResultsJson.object().put("index", index);
            ResultsJson.text(node, "track", track);
            node.put("label", label);
            ResultsJson.text(node, "group", group);
            predictions.forEach((name, prediction) -> node.put(name + SUFFIX, prediction));
            return node;
        }

        static Sample parse(JsonField f) throws MalformedResultsException {
            Map<String, Integer> predictions = new LinkedHashMap<>();
            for (Map.Entry<String, JsonField> member : f.members().entrySet()) {
                if (member.getKey().endsWith(SUFFIX) && member.getValue().isPresent()) {
                    predictions.put(member.getKey().substring(0, member.getKey().length() - SUFFIX.length()),
                            member.getValue().count(0));
                }
            }
            return new Sample(f.require("index").integer(), f.get("track").optionalText(), f.require("label").count(0),
                    f.get("group").optionalText(), predictions);
        }
    }

    /** The mean shift over all samples and the mean per class name. */
    public record AttentionShift(Shift mean, Map<String, Shift> perClass) {
        /** The summary of the nn module: the overall mean and one mean per class. */
        public static AttentionShift of(AttentionShiftSummary summary) {
            Map<String, Shift> perClass = new LinkedHashMap<>();
            summary.perClass().forEach(a -> perClass.put(a.name(), Shift.of(a)));
            return new AttentionShift(Shift.of(summary.overall()), perClass);
        }

        ObjectNode toJson() {
            ObjectNode node = ResultsJson.object();
            node.set("mean", mean.toJson());
            node.set("per_class", ResultsJson.members(perClass, Shift::toJson));
            return node;
        }

        static AttentionShift parse(JsonField f) throws MalformedResultsException {
            JsonField mean = f.get("mean");
            return new AttentionShift(mean.isPresent() ? Shift.parse(mean) : Shift.NONE, f.get("per_class").map(Shift::parse));
        }
    }

    /**
     * How far attention moves between the clean and the attacked map (NaN when absent).
     *
     * @param samples          samples averaged; null when not recorded
     * @param correlation      Pearson correlation of the two maps
     * @param movedMass        share of the map's mass that moved
     * @param centreShiftBins  distance between the maps' centres of mass, in bins
     */
    public record Shift(Long samples, double correlation, double movedMass, double centreShiftBins) {
        static final Shift NONE = new Shift(null, Double.NaN, Double.NaN, Double.NaN);

        static Shift of(AttentionShiftSummary.Average a) {
            return new Shift((long) a.samples(), a.correlation(), a.movedMass(), a.centreShiftDistance());
        }

        ObjectNode toJson() {
            ObjectNode node = ResultsJson.integer(ResultsJson.object(), "samples", samples);
            ResultsJson.number(node, "correlation", correlation);
            ResultsJson.number(node, "moved_mass", movedMass);
            return ResultsJson.number(node, "centre_shift_bins", centreShiftBins);
        }

        static Shift parse(JsonField f) throws MalformedResultsException {
            return new Shift(f.get("samples").optionalInteger(), f.get("correlation").optionalNumber(), f.get("moved_mass").optionalNumber(),
                    f.get("centre_shift_bins").optionalNumber());
        }

        /** Whether every number is absent. */
        public boolean isEmpty() {
            return Double.isNaN(correlation) && Double.isNaN(movedMass) && Double.isNaN(centreShiftBins);
        }
    }
}
