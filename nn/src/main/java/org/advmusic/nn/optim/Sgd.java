package org.advmusic.nn.optim;

import java.util.List;
import java.util.Map;
import org.advmusic.engine.InPlace;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.Parameter;

/**
 * Stochastic gradient descent with PyTorch's update rule (dampening 0):
 * <pre>
 *   g = grad + weightDecay * p
 *   b = momentum * b + g                 (b starts at 0, so the first b is g)
 *   g = nesterov ? g + momentum * b : b  (when momentum &gt; 0)
 *   p = p - lr * g
 * </pre>
 * State: {@code momentum_buffer} per parameter when momentum is used.
 */
public final class Sgd extends Optimizer {
    private static final String MOMENTUM_BUFFER = "momentum_buffer";

    private final double momentum;
    private final double weightDecay;
    private final boolean nesterov;

    /**
     * @param momentum    in {@code [0, 1)}
     * @param weightDecay L2 penalty coefficient, at least 0
     * @param nesterov    Nesterov momentum (needs momentum &gt; 0)
     */
    public Sgd(Map<String, Parameter> parameters, double learningRate, double momentum, double weightDecay,
               boolean nesterov) {
        super(parameters, learningRate);
        requireFraction("SGD", "momentum", momentum);
        requireNonNegative("SGD", "weight decay", weightDecay);
        if (nesterov && momentum == 0) {
            throw new IllegalArgumentException("SGD: Nesterov momentum needs a momentum > 0");
        }
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
    }

    /** Plain SGD without momentum or weight decay. */
    public Sgd(Map<String, Parameter> parameters, double learningRate) {
        this(parameters, learningRate, 0, 0, false);
    }

    @Override
    protected void update(String name, Tensor value, Tensor grad, long step) {
        Tensor g = weightDecay != 0 ? grad.add(value.mul(weightDecay)) : grad;
        if (momentum != 0) {
            Tensor buffer = InPlace.add(InPlace.scaleShift(state(name, MOMENTUM_BUFFER), momentum, 0), g);
            g = nesterov ? g.add(buffer.mul(momentum)) : buffer;
        }
        InPlace.sub(value, g.mul(learningRate()));
    }

    @Override
    protected List<String> stateKinds() {
        return momentum != 0 ? List.of(MOMENTUM_BUFFER) : List.of();
    }
}
