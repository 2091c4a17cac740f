package org.advmusic.attacks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.advmusic.engine.Autograd;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Backends;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.ops.SoftmaxCrossEntropy;
import org.advmusic.nn.Classifier;
import org.junit.jupiter.api.Test;

/**
 * docs/READING.md, exercise 3 (change an attack's step rule), worked solution: PGD's Linf step
 * {@code x <- x + alpha sign(grad)} replaced by the momentum rule of MI-FGSM (Dong et al. 2018),
 * {@code v <- mu v + grad / ||grad||_1; x <- x + alpha sign(v)}, then projected onto the epsilon ball as
 * before. On the binary linear model the answer is known in closed form: the gradient is always along
 * {@code w}, so after enough steps every sample sits at {@code x - eps sign(w)} (label 1) or
 * {@code x + eps sign(w)} (label 0), and it is misclassified exactly when {@code eps ||w||_1 > |w.x + b|}.
 */
class MomentumStepExerciseTest {
    private static final int FEATURES = 12;
    private static final int SAMPLES = 16;

    private final Backend r = Backends.reference();
    private final LinearBinaryClassifier model = new LinearBinaryClassifier(r,
            Tensor.randn(r, 185, Shape.of(FEATURES)).toDoubleArray(), 0.05);

    /** The momentum attack: {@code steps} steps of {@code alpha} in the Linf ball of radius {@code epsilon}. */
    static Tensor momentumAttack(Classifier model, Tensor x, int[] labels, double epsilon, double alpha, int steps,
                                 double mu) {
        Tensor delta = Tensor.zerosLike(x);
        Tensor velocity = Tensor.zerosLike(x);
        for (int k = 0; k < steps; k++) {
            Tensor adversarial = x.add(delta).detach().requiresGrad(true);
            Tensor grad = Autograd.grad(SoftmaxCrossEntropy.mean(model.logits(adversarial), labels), adversarial)[0];
            try (var ignored = Autograd.noGrad()) {
                Tensor l1 = grad.abs().sum(true, 1).add(1e-12); // (N, 1): each sample's gradient normalised by its L1 norm
                velocity = velocity.mul(mu).add(grad.div(l1));
                delta = delta.add(velocity.sign().mul(alpha)).clamp(-epsilon, epsilon); // the step, then the ball
            }
        }
        return x.add(delta);
    }

    @Test
    void onTheLinearModelItReachesTheClosedFormAnswer() {
        Tensor x = Tensor.uniform(r, 186, Shape.of(SAMPLES, FEATURES), -1, 1);
        int[] labels = model.predictions(x);
        double epsilon = 0.1;
        double[] adversarial = momentumAttack(model, x, labels, epsilon, 0.025, 6, 1.0).toDoubleArray();
        double[] clean = x.toDoubleArray();
        for (int i = 0; i < SAMPLES; i++) {
            double towards = labels[i] == 1 ? -1 : 1; // lower the margin of class 1, raise that of class 0
            for (int j = 0; j < FEATURES; j++) {
                double expected = clean[i * FEATURES + j] + towards * epsilon * Math.signum(model.weights[j]);
                assertEquals(expected, adversarial[i * FEATURES + j], 1e-12, "sample " + i + ", feature " + j);
            }
            boolean fooled = epsilon * model.l1() > Math.abs(model.margin(clean, i));
            int predicted = model.margin(adversarial, i) > 0 ? 1 : 0;
            assertEquals(fooled, predicted != labels[i], "sample " + i);
        }
    }
}
