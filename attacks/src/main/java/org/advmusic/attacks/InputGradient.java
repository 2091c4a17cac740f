package org.advmusic.attacks;

import org.advmusic.engine.Autograd;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.Classifier;

/**
 * One forward and input-only backward pass: the attack's loss per sample, the model's predictions,
 * and the gradient of the summed loss with respect to the input. Parameters are never
 * differentiated ({@link Autograd#grad} computes only what leads to the input).
 */
final class InputGradient {

    /**
     * @param gradient    d(sum of losses)/d(input), the input's shape
     * @param losses      per-sample loss
     * @param predictions per-sample argmax of the logits
     * @param finite      false where the model produced a non-finite score or loss
     */
    record Evaluation(Tensor gradient, double[] losses, int[] predictions, boolean[] finite) {
    }

    private InputGradient() {
    }

    static Evaluation evaluate(Classifier model, Tensor x, AttackObjective objective) {
        Tensor input = x.detach().requiresGrad(true);
        Tensor logits = model.logits(input);
        Tensor losses = objective.perSample(input, logits);
        Tensor gradient = Autograd.grad(losses.sum(), input)[0];
        double[] lossValues = losses.toDoubleArray();
        boolean[] finite = new boolean[lossValues.length];
        for (int i = 0; i < finite.length; i++) {
            finite[i] = Double.isFinite(lossValues[i]);
        }
        return new Evaluation(gradient, lossValues, logits.argmaxLastAxis(), finite);
    }

    /** Losses and predictions without a gradient. */
    static Evaluation score(Classifier model, Tensor x, AttackObjective objective) {
        try (var ignored = Autograd.noGrad()) {
            Tensor logits = model.logits(x);
            double[] lossValues = objective.perSample(x, logits).toDoubleArray();
            boolean[] finite = new boolean[lossValues.length];
            for (int i = 0; i < finite.length; i++) {
                finite[i] = Double.isFinite(lossValues[i]);
            }
            return new Evaluation(null, lossValues, logits.argmaxLastAxis(), finite);
        }
    }
}
