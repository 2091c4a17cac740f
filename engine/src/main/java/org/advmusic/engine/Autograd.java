package org.advmusic.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Define-by-run reverse-mode differentiation.
 *
 * <p>Operations record a {@link GradFunction} on their output when gradient recording is enabled and
 * some input requires a gradient. {@link Tensor#backward()} accumulates into the {@code grad} of
 * every leaf that requires one (parameters); {@link #grad(Tensor, Tensor...)} returns gradients for
 * the given tensors only, touches no {@code grad} field, and skips every product that does not lead
 * to them (an attack asks for the input gradient and never pays for weight gradients).
 */
public final class Autograd {
    private static final ThreadLocal<int[]> NO_GRAD_DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private Autograd() {
    }

    /** Whether operations on this thread record the graph. */
    public static boolean isEnabled() {
        return NO_GRAD_DEPTH.get()[0] == 0;
    }

    /** Disables recording on this thread until the returned scope is closed; scopes nest. */
    public static NoGradScope noGrad() {
        NO_GRAD_DEPTH.get()[0]++;
        return new NoGradScope();
    }

    /** The scope returned by {@link #noGrad()}. */
    public static final class NoGradScope implements AutoCloseable {
        private boolean closed;

        private NoGradScope() {
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                NO_GRAD_DEPTH.get()[0]--;
            }
        }
    }

    /** Whether an operation on these inputs must record its {@link GradFunction}. */
    public static boolean shouldRecord(Tensor... inputs) {
        if (!isEnabled()) {
            return false;
        }
        for (Tensor t : inputs) {
            if (t != null && t.requiresGrad()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Gradients of the scalar {@code output} with respect to each of {@code inputs} (which must
     * require gradients). A tensor that {@code output} does not depend on gets a zero gradient.
     *
     * @return one gradient per input, each with that input's shape; no {@code grad} field is modified
     */
    public static Tensor[] grad(Tensor output, Tensor... inputs) {
        requireScalar("Autograd.grad", output);
        return gradWithSeed(output, Tensor.onesLike(output), inputs);
    }

    /** Like {@link #grad(Tensor, Tensor...)} for a non-scalar output, with {@code seed} = dL/d(output). */
    public static Tensor[] gradWithSeed(Tensor output, Tensor seed, Tensor... inputs) {
        checkSeed("Autograd.grad", output, seed);
        Set<Tensor> wanted = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Tensor t : inputs) {
            if (!t.requiresGrad()) {
                throw new IllegalArgumentException("Autograd.grad: an input of shape " + t.shape()
                        + " does not require a gradient; call requiresGrad(true) before the forward pass");
            }
            wanted.add(t);
        }
        Map<Tensor, Tensor> found = propagate(output, seed, wanted);
        Tensor[] result = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            Tensor g = found.get(inputs[i]);
            result[i] = g != null ? g : Tensor.zeros(inputs[i].backend(), inputs[i].shape());
        }
        return result;
    }

    /** Implements {@link Tensor#backward(Tensor)}: accumulates into the leaves' {@code grad}. */
    static void backward(Tensor output, Tensor seed) {
        checkSeed("backward", output, seed);
        if (!output.requiresGrad()) {
            throw new IllegalStateException("backward: the tensor of shape " + output.shape()
                    + " does not require a gradient (no input of its graph requires one, or it was computed under noGrad)");
        }
        propagate(output, seed, null);
    }

    static void requireScalar(String operation, Tensor output) {
        if (output.size() != 1) {
            throw new IllegalArgumentException(operation + ": the output has shape " + output.shape()
                    + "; expected a scalar, or pass a seed gradient of that shape");
        }
    }

    private static void checkSeed(String operation, Tensor output, Tensor seed) {
        if (!seed.shape().equals(output.shape())) {
            throw new IllegalArgumentException(operation + ": seed gradient has shape " + seed.shape()
                    + ", expected the output's shape " + output.shape());
        }
        if (seed.backend() != output.backend()) {
            throw new IllegalArgumentException(operation + ": seed gradient is on " + seed.backend().name()
                    + " but the output is on " + output.backend().name());
        }
    }

    /**
     * Walks the graph below {@code root} in reverse topological order.
     *
     * @param wanted the tensors whose gradients to return, or null to accumulate into every leaf
     *               that requires a gradient
     */
    private static Map<Tensor, Tensor> propagate(Tensor root, Tensor seed, Set<Tensor> wanted) {
        List<Tensor> order = topologicalOrder(root);
        Map<Tensor, Boolean> needed = new IdentityHashMap<>();
        for (Tensor t : order) { // inputs come before the tensors computed from them
            boolean need = wanted == null ? t.isLeaf() && t.requiresGrad() : wanted.contains(t);
            if (!need && t.gradFunction() != null) {
                for (Tensor in : t.gradFunction().inputs()) {
                    if (in != null && needed.getOrDefault(in, false)) {
                        need = true;
                        break;
                    }
                }
            }
            needed.put(t, need);
        }
        Map<Tensor, Tensor> grads = new IdentityHashMap<>();
        Map<Tensor, Tensor> result = new IdentityHashMap<>();
        GradientBuffers buffers = new GradientBuffers();
        grads.put(root, seed);
        buffers.hold(seed);
        try (NoGradScope ignored = noGrad()) {
            for (int i = order.size() - 1; i >= 0; i--) {
                Tensor t = order.get(i);
                Tensor g = grads.remove(t);
                if (g == null) {
                    continue;
                }
                buffers.drop(g);
                if (!needed.get(t)) {
                    buffers.releaseIfUnused(g);
                    continue;
                }
                if (wanted != null && wanted.contains(t)) {
                    result.put(t, g);
                    buffers.protect(g);
                }
                GradFunction fn = t.gradFunction();
                if (fn == null) {
                    if (wanted == null) {
                        t.accumulateGrad(g);
                    }
                    buffers.releaseIfUnused(g);
                    continue;
                }
                Tensor[] inputs = fn.inputs();
                boolean[] needs = new boolean[inputs.length];
                boolean any = false;
                for (int k = 0; k < inputs.length; k++) {
                    needs[k] = inputs[k] != null && needed.getOrDefault(inputs[k], false);
                    any |= needs[k];
                }
                if (!any) {
                    continue; // a wanted intermediate tensor with nothing wanted below it
                }
                // the node's temporaries live in their own scope; only the input gradients leave it
                try (MemoryScope nodeScope = MemoryScope.open()) {
                    Tensor[] inputGrads = fn.backward(g, needs);
                    for (int k = 0; k < inputs.length; k++) {
                        if (!needs[k]) {
                            continue;
                        }
                        Tensor gk = inputGrads[k];
                        if (gk == null || !gk.shape().equals(inputs[k].shape())) {
                            throw new IllegalStateException(fn.name() + ".backward: gradient of input " + k + " has shape "
                                    + (gk == null ? "null" : gk.shape()) + ", expected " + inputs[k].shape());
                        }
                        Tensor previous = grads.get(inputs[k]);
                        Tensor total = previous == null ? gk : previous.add(gk);
                        if (nodeScope.retain(total)) {
                            buffers.created(total);
                        }
                        if (previous != null) {
                            buffers.drop(previous);
                            buffers.releaseIfUnused(previous);
                        }
                        grads.put(inputs[k], total);
                        buffers.hold(total);
                    }
                }
                buffers.releaseIfUnused(g);
            }
        }
        return result;
    }

    /**
     * Reference counts of the gradient buffers of one backward walk, so that a gradient created during
     * the walk is released as soon as no pending gradient refers to it (several gradients can share a
     * buffer: Add passes its gradient to both inputs, Reshape returns a view). Buffers from outside the
     * walk (the seed, anything an operation returned without allocating it) and returned results are
     * never released here.
     */
    private static final class GradientBuffers {
        private final Map<DeviceBuffer, Integer> holders = new IdentityHashMap<>();
        private final Set<DeviceBuffer> created = Collections.newSetFromMap(new IdentityHashMap<>());
        private final Set<DeviceBuffer> kept = Collections.newSetFromMap(new IdentityHashMap<>());

        void hold(Tensor t) {
            holders.merge(t.buffer(), 1, Integer::sum);
        }

        void drop(Tensor t) {
            holders.merge(t.buffer(), -1, Integer::sum);
        }

        void created(Tensor t) {
            created.add(t.buffer());
        }

        void protect(Tensor t) {
            kept.add(t.buffer());
        }

        void releaseIfUnused(Tensor t) {
            DeviceBuffer b = t.buffer();
            if (created.contains(b) && !kept.contains(b) && holders.getOrDefault(b, 0) <= 0) {
                created.remove(b);
                b.release();
            }
        }
    }

    /** Every tensor reachable from {@code root} through grad functions, inputs before outputs. */
    private static List<Tensor> topologicalOrder(Tensor root) {
        List<Tensor> order = new ArrayList<>();
        Set<Tensor> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object[]> stack = new ArrayDeque<>(); // {tensor, next input index}
        stack.push(new Object[] {root, 0});
        visited.add(root);
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            Tensor t = (Tensor) frame[0];
            int next = (Integer) frame[1];
            GradFunction fn = t.gradFunction();
            Tensor[] inputs = fn == null ? new Tensor[0] : fn.inputs();
            if (next < inputs.length) {
                frame[1] = next + 1;
                Tensor in = inputs[next];
                if (in != null && in.requiresGrad() && visited.add(in)) {
                    stack.push(new Object[] {in, 0});
                }
            } else {
                stack.pop();
                order.add(t);
            }
        }
        return order;
    }
}
