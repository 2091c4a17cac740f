package org.advmusic.nn.optim;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.advmusic.engine.Autograd;
import org.advmusic.engine.MemoryScope;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.Parameter;
import org.advmusic.nn.StateDicts;

/**
 * Updates parameters in place from their gradients. Subclasses implement one parameter's update
 * ({@link #update}); this class keeps the learning rate, a step count per parameter (parameters
 * without a gradient are skipped and not counted, as in PyTorch) and per-parameter state tensors
 * such as momentum, created as zeros on first use outside every memory scope.
 *
 * <p>The state dict names each tensor {@code <parameter name>.<kind>} (e.g.
 * {@code features.0.conv1.weight.exp_avg}) and each step count {@code <parameter name>.step}.
 */
public abstract class Optimizer {
    private final Map<String, Parameter> parameters;
    private final Map<String, Long> steps = new HashMap<>();
    private final Map<String, Tensor> state = new HashMap<>();
    private double learningRate;

    /**
     * @param parameters   the parameters to train by name (usually {@code model.namedParameters()})
     * @param learningRate the initial learning rate, at least 0
     */
    protected Optimizer(Map<String, Parameter> parameters, double learningRate) {
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": no parameters to optimise");
        }
        this.parameters = new LinkedHashMap<>(parameters);
        setLearningRate(learningRate);
    }

    /**
     * Updates one parameter in place. Runs with gradient recording off inside a memory scope that
     * frees temporaries afterwards.
     *
     * @param name  the parameter's name (for {@link #state})
     * @param value the parameter's value, modified
     * @param grad  its gradient, same shape
     * @param step  how many updates this parameter has had, this one included (1 on the first)
     */
    protected abstract void update(String name, Tensor value, Tensor grad, long step);

    /** The kinds of per-parameter state this optimizer keeps, e.g. {@code exp_avg}. */
    protected abstract List<String> stateKinds();

    /** Applies one update to every parameter that has a gradient. */
    public final void step() {
        try (var noGrad = Autograd.noGrad(); var scope = MemoryScope.open()) {
            parameters.forEach((name, p) -> {
                Tensor grad = p.grad();
                if (grad != null) {
                    update(name, p.value(), grad, steps.merge(name, 1L, Long::sum));
                }
            });
        }
    }

    /** Releases every parameter's gradient (PyTorch's {@code zero_grad(set_to_none=True)}). */
    public final void zeroGrad() {
        parameters.values().forEach(Parameter::clearGrad);
    }

    /**
     * The state tensor {@code kind} of parameter {@code name}, created as zeros with the parameter's
     * shape on first use and owned by no memory scope.
     */
    protected final Tensor state(String name, String kind) {
        String key = name + "." + kind;
        Tensor t = state.get(key);
        if (t == null) {
            Tensor like = parameters.get(name).value();
            try (var ignored = MemoryScope.persistent()) {
                t = Tensor.zeros(like.backend(), like.shape());
            }
            state.put(key, t);
        }
        return t;
    }

    /** The current learning rate. */
    public final double learningRate() {
        return learningRate;
    }

    /** Sets the learning rate (schedulers call this between epochs). */
    public final void setLearningRate(double learningRate) {
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": learning rate " + learningRate
                    + ", expected a finite number >= 0");
        }
        this.learningRate = learningRate;
    }

    /**
     * The whole state for resuming: per parameter its step count (a new scalar tensor in the current
     * memory scope) and every state kind (zeros where not yet used, which is equivalent; these are
     * the live tensors).
     */
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        parameters.forEach((name, p) -> {
            out.put(name + ".step", Tensor.scalar(p.value().backend(), steps.getOrDefault(name, 0L)));
            for (String kind : stateKinds()) {
                out.put(name + "." + kind, state(name, kind));
            }
        });
        return out;
    }

    /**
     * Restores a state saved by {@link #stateDict()}; names and shapes must match exactly.
     *
     * @throws org.advmusic.nn.StateDictMismatchException listing every mismatch; nothing is loaded then
     */
    public final void loadStateDict(Map<String, Tensor> saved) {
        Map<String, Tensor> target = stateDict();
        StateDicts.copyInto(target, saved, getClass().getSimpleName() + " state");
        for (String name : parameters.keySet()) {
            steps.put(name, Math.round(target.get(name + ".step").item()));
        }
    }

    static void requireNonNegative(String optimizer, String what, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(optimizer + ": " + what + " " + value + ", expected a finite value >= 0");
        }
    }

    static void requireFraction(String optimizer, String what, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(optimizer + ": " + what + " " + value + ", expected within [0, 1)");
        }
    }
}
