package org.advmusic.experiments.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Grad-CAM analyses ({@code metrics.json}'s {@code gradcam} section).
 *
 * @param model          the explained model
 * @param layer          the layer whose activations are weighted
 * @param method         Grad-CAM or Grad-CAM++
 * @param samples        the analysed samples, in the order of {@code tensors/gradcam.safetensors}
 * @param attentionShift per attack name (FGSM, PGD): how far the map moves under attack
 * @param threatModels   per attack name: its threat model in words
 * @param faithfulness   the deletion check of the maps; null when absent
 */
record GradCamMetrics(String model, String layer, String method, List<Sample> samples,
                      Map<String, AttentionShift> attentionShift, Map<String, String> threatModels,
                      Faithfulness faithfulness) {

    static GradCamMetrics parse(JsonField f) throws MalformedResultsException {
        return new GradCamMetrics(f.get("model").optionalText(), f.get("layer").optionalText(), f.get("method").optionalText(),
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
    record Faithfulness(double fraction, Long samples, double meanDropAttended, double meanDropRandom) {
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
    record Sample(long index, String track, int label, String group, Map<String, Integer> predictions) {
        private static final String SUFFIX = "_prediction";

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
    record AttentionShift(Shift mean, Map<String, Shift> perClass) {
        static AttentionShift parse(JsonField f) throws MalformedResultsException {
            JsonField mean = f.get("mean");
            return new AttentionShift(mean.isPresent() ? Shift.parse(mean) : Shift.NONE, f.get("per_class").map(Shift::parse));
        }
    }

    /**
     * How far attention moves between the clean and the attacked map (NaN when absent).
     *
     * @param correlation      Pearson correlation of the two maps
     * @param movedMass        share of the map's mass that moved
     * @param centreShiftBins  distance between the maps' centres of mass, in bins
     */
    record Shift(double correlation, double movedMass, double centreShiftBins) {
        static final Shift NONE = new Shift(Double.NaN, Double.NaN, Double.NaN);

        static Shift parse(JsonField f) throws MalformedResultsException {
            return new Shift(f.get("correlation").optionalNumber(), f.get("moved_mass").optionalNumber(),
                    f.get("centre_shift_bins").optionalNumber());
        }

        /** Whether every number is absent. */
        boolean isEmpty() {
            return Double.isNaN(correlation) && Double.isNaN(movedMass) && Double.isNaN(centreShiftBins);
        }
    }
}
