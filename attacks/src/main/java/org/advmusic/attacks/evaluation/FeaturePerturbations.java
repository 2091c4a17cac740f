package org.advmusic.attacks.evaluation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.advmusic.attacks.AttackResult;

/**
 * What an attack changed in each named feature of a tabular model's input (an MLP on audio
 * features): the mean absolute perturbation per feature over the successfully attacked samples,
 * and the per-feature perturbations of a few example samples with their histograms. Values are in
 * input units times {@code unitsPerInput} (e.g. a min-max scaled feature's range, which gives the
 * change in the feature's own units), or input units when no scale is given.
 *
 * @param attack        the attack's name
 * @param threatModel   its threat model, as stated in results
 * @param featureNames  (F) the input's features
 * @param units         what the values are measured in, e.g. "input units" or "feature units"
 * @param samples       how many successful samples the means cover
 * @param meanAbsolute  (F) mean |perturbation| per feature over those samples (NaN when there are none)
 * @param examples      a few successfully attacked samples
 */
public record FeaturePerturbations(String attack, String threatModel, List<String> featureNames, String units,
                                   int samples, double[] meanAbsolute, List<Example> examples) {

    /**
     * One attacked sample.
     *
     * @param sample       its row in the attacked batch
     * @param label        its true class
     * @param adversarial  the class predicted after the attack
     * @param perturbation (F) adversarial - clean per feature
     * @param histogram    of {@code perturbation}, centred on no change
     */
    public record Example(int sample, int label, int adversarial, double[] perturbation, Histogram histogram) {
    }

    public FeaturePerturbations {
        featureNames = List.copyOf(featureNames);
        examples = List.copyOf(examples);
    }

    /**
     * @param result        an attack on (N, F) inputs
     * @param featureNames  (F) names
     * @param unitsPerInput (F) how many feature units one input unit is per feature, or null for input units
     * @param exampleCount  how many successful samples to keep as examples (the first ones)
     * @param bins          histogram bins per example
     * @throws IllegalArgumentException when the inputs are not (N, F) with F names (or F scales)
     */
    public static FeaturePerturbations of(AttackResult result, List<String> featureNames, double[] unitsPerInput,
                                          int exampleCount, int bins) {
        int features = featureNames.size();
        if (result.inputs().rank() != 2 || result.inputs().dim(1) != features
                || unitsPerInput != null && unitsPerInput.length != features) {
            throw new IllegalArgumentException("feature perturbations: inputs of shape " + result.inputs().shape() + ", "
                    + features + " feature names" + (unitsPerInput == null ? "" : " and " + unitsPerInput.length
                    + " scales") + "; expected (N, F) inputs with one name (and scale) per feature");
        }
        double[] delta = result.perturbation().toDoubleArray();
        double[] sums = new double[features];
        int counted = 0;
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < result.size(); i++) {
            if (!result.succeeded(i)) {
                continue;
            }
            double[] row = new double[features];
            for (int f = 0; f < features; f++) {
                row[f] = delta[i * features + f] * (unitsPerInput == null ? 1 : unitsPerInput[f]);
                sums[f] += Math.abs(row[f]);
            }
            counted++;
            if (examples.size() < exampleCount) {
                examples.add(new Example(i, result.labels()[i], result.adversarialPredictions()[i], row,
                        Histogram.centred(row, bins)));
            }
        }
        double[] means = new double[features];
        for (int f = 0; f < features; f++) {
            means[f] = counted == 0 ? Double.NaN : sums[f] / counted;
        }
        return new FeaturePerturbations(result.attack(), result.threatModel().describe(), featureNames,
                unitsPerInput == null ? "input units" : "feature units", counted, means, examples);
    }

    /** Feature indices ordered by mean absolute perturbation, largest first. */
    public int[] mostPerturbed() {
        return IntStream.range(0, featureNames.size()).boxed()
                .sorted(Comparator.comparingDouble((Integer f) -> meanAbsolute[f]).reversed())
                .mapToInt(Integer::intValue).toArray();
    }
}
