package org.advmusic.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.advmusic.engine.MemoryScope;
import org.advmusic.engine.Tensor;

/**
 * A building block of a network: it owns {@link Parameter}s (trained), buffers (state that is saved
 * but not trained, such as batch-norm running statistics) and named submodules, and maps an input
 * tensor to an output tensor.
 *
 * <p>Names follow PyTorch: a module's state dict holds its own parameters, then its own buffers,
 * then those of each submodule in registration order under dotted paths such as
 * {@code features.0.conv1.weight}, so that weights move to and from PyTorch through safetensors.
 *
 * <p>Subclasses register their parts in the constructor and implement {@link #compute}; they call
 * submodules through {@link #forward(Tensor, Capture)} so that requested intermediate outputs can
 * be captured ({@link #forward(Tensor, Set)}). A new module is in training mode.
 */
public abstract class Module {
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /**
     * The module's computation. Call submodules as {@code child.forward(x, capture)}.
     *
     * @param input   the input batch; its expected shape is documented by each module
     * @param capture passed on to submodules unchanged
     */
    protected abstract Tensor compute(Tensor input, Capture capture);

    // ------------------------------------------------------------------ forward

    /** Runs the module on {@code input}. */
    public final Tensor forward(Tensor input) {
        return forward(input, Capture.none());
    }

    /** Runs the module and offers its output to {@code capture}; for calls from a parent module. */
    public final Tensor forward(Tensor input, Capture capture) {
        Tensor output = compute(input, capture);
        capture.offer(this, output);
        return output;
    }

    /**
     * Runs {@code modules} one after another on {@code input}, as {@code m.forward(x, capture)} each, and
     * returns the last output: the way a model is written as its architecture
     * ({@code sequence(x, capture, conv, bn, relu, pool)}). Where a module can compute itself together
     * with the modules after it ({@link #computeFusedWith}: a batch norm followed by a ReLU; in evaluation
     * mode a convolution followed by a batch norm, and a ReLU), they run as one step, except that no module
     * whose output {@code capture} asks for is skipped over; the step's output is offered to {@code capture}
     * as the last fused module's, so captures see the same outputs either way.
     */
    protected static Tensor sequence(Tensor input, Capture capture, List<? extends Module> modules) {
        Tensor x = input;
        for (int i = 0; i < modules.size(); i++) {
            Module module = modules.get(i);
            List<? extends Module> following = fusable(modules, i, capture);
            Fused fused = following.isEmpty() ? null : module.computeFusedWith(following, x);
            if (fused != null) {
                if (fused.modulesUsed() < 1 || fused.modulesUsed() > following.size()) {
                    throw new IllegalStateException(module + " fused " + fused.modulesUsed() + " modules of the "
                            + following.size() + " offered");
                }
                i += fused.modulesUsed();
                capture.offer(modules.get(i), fused.output());
                x = fused.output();
                continue;
            }
            x = module.forward(x, capture);
        }
        return x;
    }

    /**
     * The modules after {@code modules[i]} that it may compute together with itself: none when {@code capture}
     * wants its output, else those up to the first one whose output {@code capture} wants (included: the fused
     * step's output is offered as its output) or to the end.
     */
    private static List<? extends Module> fusable(List<? extends Module> modules, int i, Capture capture) {
        if (capture.wants(modules.get(i))) {
            return List.of();
        }
        int end = i + 1;
        while (end < modules.size() && !capture.wants(modules.get(end))) {
            end++;
        }
        return modules.subList(i + 1, Math.min(end + 1, modules.size()));
    }

    /** {@link #sequence(Tensor, Capture, List)} of the given modules. */
    protected static Tensor sequence(Tensor input, Capture capture, Module... modules) {
        return sequence(input, capture, List.of(modules));
    }

    /**
     * The output of a module computed together with some of the modules after it ({@link #computeFusedWith}).
     *
     * @param output      what the last of the fused modules would have returned
     * @param modulesUsed how many of the following modules the step computed (at least one)
     */
    public record Fused(Tensor output, int modulesUsed) {
    }

    /**
     * This module and the first {@link Fused#modulesUsed} modules of {@code following} (the modules after it
     * in a {@link #sequence}, at least one) computed as one step on {@code input}; null (the default) when it
     * cannot fuse with them. The result must equal the unfused one (values, up to rounding where the step
     * says so, and gradients); only the cost may differ.
     */
    protected Fused computeFusedWith(List<? extends Module> following, Tensor input) {
        return null;
    }

    /**
     * Runs the module and also returns the outputs of the submodules at {@code capturePaths} (see
     * {@link #namedModules()}); they stay in the autograd graph.
     */
    public final ForwardResult forward(Tensor input, Set<String> capturePaths) {
        Capture capture = Capture.of(this, capturePaths);
        Tensor output = forward(input, capture);
        return new ForwardResult(output, capture.activations());
    }

    // ------------------------------------------------------------------ registration

    /**
     * Registers a trainable parameter. {@code initialValue} runs inside a memory scope of its own; its
     * result is copied into memory owned by no scope and everything else it allocated is released.
     */
    protected final Parameter addParameter(String name, Supplier<Tensor> initialValue) {
        checkNewName(name);
        Parameter p;
        try (MemoryScope ignored = MemoryScope.open()) {
            p = new Parameter(initialValue.get());
        }
        parameters.put(name, p);
        return p;
    }

    /**
     * Registers a buffer (saved, not trained), created like a parameter's value (see
     * {@link #addParameter}); returns it.
     */
    protected final Tensor addBuffer(String name, Supplier<Tensor> initialValue) {
        checkNewName(name);
        Tensor owned;
        try (MemoryScope ignored = MemoryScope.open()) {
            Tensor initial = initialValue.get();
            try (MemoryScope persistent = MemoryScope.persistent()) {
                owned = initial.detach().copy();
            }
        }
        buffers.put(name, owned);
        return owned;
    }

    /** Registers a submodule; returns it. */
    protected final <M extends Module> M addModule(String name, M child) {
        checkNewName(name);
        children.put(name, child);
        return child;
    }

    private void checkNewName(String name) {
        if (name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException("a module part name must be non-empty and contain no '.'; got '"
                    + name + "'");
        }
        if (parameters.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " already has a part named '" + name + "'");
        }
    }

    // ------------------------------------------------------------------ structure

    /** This module (path {@code ""}) and every submodule, by dotted path, parents before children. */
    public final Map<String, Module> namedModules() {
        Map<String, Module> out = new LinkedHashMap<>();
        collectModules("", out);
        return out;
    }

    private void collectModules(String path, Map<String, Module> out) {
        out.put(path, this);
        children.forEach((name, child) -> child.collectModules(path.isEmpty() ? name : path + "." + name, out));
    }

    /** The direct submodules by name, in registration order (read-only). */
    public final Map<String, Module> children() {
        return Collections.unmodifiableMap(children);
    }

    /** Every trainable parameter by dotted name, in state-dict order; a shared parameter appears once. */
    public final Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        namedModules().forEach((path, m) -> m.parameters.forEach((name, p) -> {
            if (seen.add(p)) {
                out.put(qualified(path, name), p);
            }
        }));
        return out;
    }

    /** Every trainable parameter, in state-dict order. */
    public final List<Parameter> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** The number of trainable scalars (what PyTorch users count with {@code sum(p.numel())}). */
    public final long parameterCount() {
        long n = 0;
        for (Parameter p : namedParameters().values()) {
            n += p.size();
        }
        return n;
    }

    // ------------------------------------------------------------------ state

    /**
     * Parameters and buffers by dotted name, in PyTorch's order (own parameters, own buffers, then
     * each submodule's). The tensors are the live ones, not copies.
     */
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collectState("", out);
        return out;
    }

    private void collectState(String prefix, Map<String, Tensor> out) {
        parameters.forEach((name, p) -> out.put(prefix + name, p.value()));
        buffers.forEach((name, b) -> out.put(prefix + name, b));
        children.forEach((name, child) -> child.collectState(prefix + name + ".", out));
    }

    /**
     * Copies {@code state} into this module's parameters and buffers (converting to their backend).
     * Names and shapes must match exactly.
     *
     * @throws StateDictMismatchException listing every missing, unexpected and mis-shaped entry;
     *                                    nothing is loaded then
     */
    public final void loadStateDict(Map<String, Tensor> state) {
        StateDicts.copyInto(stateDict(), state, "state dict for " + getClass().getSimpleName());
    }

    // ------------------------------------------------------------------ modes and randomness

    /** Sets training mode (batch statistics, dropout active) on this module and every submodule. */
    public final Module train(boolean on) {
        for (Module m : namedModules().values()) {
            m.training = on;
        }
        return this;
    }

    /** Training mode; returns this. */
    public final Module train() {
        return train(true);
    }

    /** Evaluation mode (running statistics, no dropout); returns this. */
    public final Module eval() {
        return train(false);
    }

    /** Whether this module is in training mode. */
    public final boolean isTraining() {
        return training;
    }

    /** The random stream of every {@link Stochastic} submodule by path: the whole random state of the module. */
    public final Map<String, Stochastic.RandomStream> randomStreams() {
        Map<String, Stochastic.RandomStream> out = new LinkedHashMap<>();
        namedModules().forEach((path, m) -> {
            if (m instanceof Stochastic s) {
                out.put(path, s.randomStream());
            }
        });
        return out;
    }

    /** Restores streams saved by {@link #randomStreams()}; the paths must match exactly. */
    public final void restoreRandomStreams(Map<String, Stochastic.RandomStream> streams) {
        Map<String, Stochastic.RandomStream> current = randomStreams();
        if (!current.keySet().equals(streams.keySet())) {
            throw new IllegalArgumentException("random streams are saved for " + streams.keySet()
                    + " but the random modules of " + getClass().getSimpleName() + " are " + current.keySet());
        }
        Map<String, Module> modules = namedModules();
        streams.forEach((path, stream) -> ((Stochastic) modules.get(path)).restoreRandomStream(stream));
    }

    private static String qualified(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName();
    }
}
