package org.advmusic.experiments.results;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.advmusic.attacks.evaluation.FeaturePerturbations;
import org.advmusic.attacks.evaluation.Histogram;

/**
 * What one attack changed in each named feature of a tabular model's input
 * ({@code robustness.feature_perturbations[]} of {@code metrics.json}): the mean absolute
 * perturbation per feature over the successfully attacked samples of one batch, and the
 * per-feature perturbations of a few of them (the report draws their histograms). Values are
 * shares of each feature's training range (the min-max scaled input's units), so that features of
 * different scales compare; {@code ranges} converts them back into each feature's own units.
 *
 * @param attack       the attack's name
 * @param threatModel  its threat model, as stated in results
 * @param units        what the values are measured in
 * @param attacked     samples attacked (the evaluation's first batch)
 * @param samples      successfully attacked samples among them, which the means cover
 * @param features     (F) the input's feature names
 * @param ranges       (F) each feature's training range, its own units per unit of value (NaN when unknown)
 * @param meanAbsolute (F) mean |perturbation| per feature (NaN when no sample was attacked successfully)
 * @param examples     a few successfully attacked samples
 */
public record FeaturePerturbationMetrics(String attack, String threatModel, String units, long attacked, long samples,
                                         List<String> features, double[] ranges, double[] meanAbsolute,
                                         List<Example> examples) {

    /** The unit of values of min-max scaled features. */
    public static final String SHARE_OF_RANGE = "share of the feature's training range";
    /** Bins of an example's histogram. */
    public static final int HISTOGRAM_BINS = 12;

    /**
     * One successfully attacked sample.
     *
     * @param sample       its row in the attacked batch
     * @param label        its true class
     * @param adversarial  the class predicted after the attack
     * @param perturbation (F) adversarial - clean per feature
     */
    public record Example(long sample, String label, String adversarial, double[] perturbation) {
        /** The histogram of {@code perturbation} in {@link #HISTOGRAM_BINS} bins centred on no change. */
        public Histogram histogram() {
            return Histogram.centred(perturbation, HISTOGRAM_BINS);
        }

        ObjectNode toJson() {
            ObjectNode node = ResultsJson.object().put("sample", sample).put("label", label).put("adversarial", adversarial);
            node.set("perturbation", ResultsJson.numbers(perturbation));
            return node;
        }

        static Example parse(JsonField f) throws MalformedResultsException {
            return new Example(f.require("sample").integer(), f.require("label").text(), f.require("adversarial").text(),
                    numbers(f.require("perturbation")));
        }
    }

    public FeaturePerturbationMetrics {
        features = List.copyOf(features);
        examples = List.copyOf(examples);
    }

    /**
     * The record of an attack's per-feature perturbations.
     *
     * @param p        measured in input units
     * @param ranges   (F) each feature's training range (the min-max scaling's), or null when the inputs are not scaled
     * @param attacked how many samples the attack ran on
     * @param classes  class names, index = label
     */
    public static FeaturePerturbationMetrics of(FeaturePerturbations p, double[] ranges, int attacked, List<String> classes) {
        double[] known = ranges != null ? ranges.clone() : java.util.stream.DoubleStream.generate(() -> Double.NaN)
                .limit(p.featureNames().size()).toArray();
        return new FeaturePerturbationMetrics(p.attack(), p.threatModel(), ranges != null ? SHARE_OF_RANGE : p.units(),
                attacked, p.samples(), p.featureNames(), known, p.meanAbsolute(), p.examples().stream().map(e -> new Example(e.sample(), classes.get(e.label()),
                        classes.get(e.adversarial()), e.perturbation())).toList());
    }

    ObjectNode toJson() {
        ObjectNode node = ResultsJson.object().put("attack", attack).put("threat_model", threatModel).put("units", units)
                .put("attacked", attacked).put("samples", samples);
        ArrayNode names = node.putArray("features");
        features.forEach(names::add);
        node.set("ranges", ResultsJson.numbers(ranges));
        node.set("mean_absolute", ResultsJson.numbers(meanAbsolute));
        node.set("examples", ResultsJson.array(examples, Example::toJson));
        return node;
    }

    static FeaturePerturbationMetrics parse(JsonField f) throws MalformedResultsException {
        List<String> features = f.require("features").list(JsonField::text);
        double[] ranges = numbers(f.require("ranges"));
        double[] means = numbers(f.require("mean_absolute"));
        if (ranges.length != features.size()) {
            throw f.get("ranges").error("expected " + features.size() + " values, one per feature, found " + ranges.length);
        }
        List<Example> examples = f.get("examples").list(Example::parse);
        if (means.length != features.size()) {
            throw f.get("mean_absolute").error("expected " + features.size() + " values, one per feature, found " + means.length);
        }
        for (int k = 0; k < examples.size(); k++) {
            if (examples.get(k).perturbation().length != features.size()) {
                throw f.get("examples").error("example " + k + ": expected " + features.size()
                        + " perturbation values, one per feature, found " + examples.get(k).perturbation().length);
            }
        }
        return new FeaturePerturbationMetrics(f.require("attack").text(), f.require("threat_model").text(),
                f.require("units").text(), f.require("attacked").integer(), f.require("samples").integer(), features, ranges, means,
                examples);
    }

    private static double[] numbers(JsonField f) throws MalformedResultsException {
        return f.list(JsonField::number).stream().mapToDouble(Double::doubleValue).toArray();
    }
}
