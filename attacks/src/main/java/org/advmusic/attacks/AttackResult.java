package org.advmusic.attacks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.advmusic.engine.Autograd;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.io.Safetensors;

/**
 * The outcome of one attack on one batch: the adversarial inputs and, per sample, its status,
 * predictions, perturbation norms and cost.
 *
 * @param attack                 the attack's name
 * @param threatModel            the threat model it ran under
 * @param inputs                 (N, ...) the clean inputs (not copied)
 * @param adversarial            (N, ...) the attacked inputs (unchanged where the attack did not run; see
 *                               {@link AbstractAttack} for failed samples)
 * @param labels                 true labels
 * @param targets                target classes, or null when untargeted
 * @param cleanPredictions       the model's clean predictions (-1 where its output was not finite)
 * @param adversarialPredictions the model's predictions on {@code adversarial} (-1 where not finite)
 * @param status                 per-sample outcome
 * @param l2                     L2 norm of {@code adversarial - inputs}
 * @param linf                   Linf norm of {@code adversarial - inputs}
 * @param gradientEvaluations    forward+backward passes spent on each sample
 * @param queries                forward-only model evaluations spent on each sample (black-box attacks)
 * @param steps                  iterations run for each sample
 * @param seconds                wall-clock time of the whole batch
 */
public record AttackResult(String attack, ThreatModel threatModel, Tensor inputs, Tensor adversarial, int[] labels,
                           int[] targets, int[] cleanPredictions, int[] adversarialPredictions, SampleStatus[] status,
                           double[] l2, double[] linf, long[] gradientEvaluations, long[] queries, int[] steps,
                           double seconds) {

    /** Number of samples. */
    public int size() {
        return labels.length;
    }

    /** Whether sample {@code i} ended adversarial. */
    public boolean succeeded(int i) {
        return status[i] == SampleStatus.SUCCEEDED;
    }

    /** Samples the attack ran on (clean input valid and not already at the goal). */
    public int attempted() {
        int n = 0;
        for (SampleStatus s : status) {
            n += s == SampleStatus.SUCCEEDED || s == SampleStatus.FAILED ? 1 : 0;
        }
        return n;
    }

    /** Samples that ended adversarial. */
    public int successes() {
        int n = 0;
        for (SampleStatus s : status) {
            n += s == SampleStatus.SUCCEEDED ? 1 : 0;
        }
        return n;
    }

    /** Successes among attempted samples (NaN when none was attempted). */
    public double successRate() {
        return attempted() == 0 ? Double.NaN : (double) successes() / attempted();
    }

    /** The norm of sample {@code i}'s perturbation in the threat model's norm. */
    public double norm(int i) {
        return threatModel.norm() == Norm.LINF ? linf[i] : l2[i];
    }

    /** {@code adversarial - inputs}, a new tensor. */
    public Tensor perturbation() {
        try (var ignored = Autograd.noGrad()) {
            return adversarial.sub(inputs);
        }
    }

    /** Writes inputs, adversarial inputs and perturbations as a safetensors file, for plotting. */
    public void savePerturbations(Path file) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("inputs", inputs);
        tensors.put("adversarial", adversarial);
        tensors.put("perturbation", perturbation());
        Safetensors.write(file, tensors, Map.of("attack", attack, "threat_model", threatModel.describe()));
    }
}
