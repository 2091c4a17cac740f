package org.advmusic.nn.optim;

import java.util.List;
import java.util.Map;
import org.advmusic.engine.InPlace;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.Parameter;

/**
 * Adam (Kingma and Ba 2015) with PyTorch's update rule; with {@code decoupled} weight decay it is
 * AdamW (Loshchilov and Hutter 2019, see {@link AdamW}). For step {@code t}:
 * <pre>
 *   Adam:  g = grad + weightDecay * p          AdamW: p = p * (1 - lr * weightDecay), g = grad
 *   m = beta1 * m + (1 - beta1) * g
 *   v = beta2 * v + (1 - beta2) * g * g
 *   p = p - (lr / (1 - beta1^t)) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 * State: {@code exp_avg} (m) and {@code exp_avg_sq} (v) per parameter, as PyTorch names them.
 */
public class Adam extends Optimizer {
    private static final String EXP_AVG = "exp_avg";
    private static final String EXP_AVG_SQ = "exp_avg_sq";

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final boolean decoupled;

    /**
     * @param beta1       decay of the first moment, in {@code [0, 1)} (PyTorch: 0.9)
     * @param beta2       decay of the second moment, in {@code [0, 1)} (PyTorch: 0.999)
     * @param epsilon     added to the denominator, &gt; 0 (PyTorch: 1e-8)
     * @param weightDecay at least 0
     * @param decoupled   AdamW's decay of the weights instead of an L2 term in the gradient
     */
    protected Adam(Map<String, Parameter> parameters, double learningRate, double beta1, double beta2,
                   double epsilon, double weightDecay, boolean decoupled) {
        super(parameters, learningRate);
        String name = decoupled ? "AdamW" : "Adam";
        requireFraction(name, "beta1", beta1);
        requireFraction(name, "beta2", beta2);
        requireNonNegative(name, "weight decay", weightDecay);
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException(name + ": epsilon " + epsilon + ", expected > 0");
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
    }

    /** Adam with L2 weight decay added to the gradient. */
    public Adam(Map<String, Parameter> parameters, double learningRate, double beta1, double beta2, double epsilon,
                double weightDecay) {
        this(parameters, learningRate, beta1, beta2, epsilon, weightDecay, false);
    }

    /** Adam with PyTorch's defaults: betas (0.9, 0.999), epsilon 1e-8, no weight decay. */
    public Adam(Map<String, Parameter> parameters, double learningRate) {
        this(parameters, learningRate, 0.9, 0.999, 1e-8, 0.0);
    }

    @Override
    protected final void update(String name, Tensor value, Tensor grad, long step) {
        double lr = learningRate();
        Tensor g = grad;
        if (weightDecay != 0) {
            if (decoupled) {
                InPlace.scaleShift(value, 1 - lr * weightDecay, 0);
            } else {
                g = grad.add(value.mul(weightDecay));
            }
        }
        Tensor m = InPlace.add(InPlace.scaleShift(state(name, EXP_AVG), beta1, 0), g.mul(1 - beta1));
        Tensor v = InPlace.add(InPlace.scaleShift(state(name, EXP_AVG_SQ), beta2, 0), g.mul(g).mul(1 - beta2));
        double stepSize = lr / (1 - Math.pow(beta1, step));
        double secondMomentCorrection = Math.sqrt(1 - Math.pow(beta2, step));
        Tensor denominator = v.sqrt().div(secondMomentCorrection).add(epsilon);
        InPlace.sub(value, m.div(denominator).mul(stepSize));
    }

    @Override
    protected final List<String> stateKinds() {
        return List.of(EXP_AVG, EXP_AVG_SQ);
    }
}
