package org.advmusic.engine;

/**
 * A node of the autograd graph: the operation that produced a tensor, its inputs, and whatever it
 * saved for the backward pass. Each differentiable operation in {@code org.advmusic.engine.ops}
 * extends this class and keeps its forward ({@code apply}) and {@link #backward} side by side.
 */
public abstract class GradFunction {
    private final Tensor[] inputs;

    /** @param inputs the tensors the output was computed from, in the order {@link #backward} answers */
    protected GradFunction(Tensor... inputs) {
        this.inputs = inputs.clone();
    }

    /** The inputs of the operation (not copied: do not modify). */
    public final Tensor[] inputs() {
        return inputs;
    }

    /**
     * Computes the gradients of the loss with respect to the inputs from the gradient with respect to
     * the output. Runs with gradient recording disabled.
     *
     * @param gradOutput      dL/d(output), the output's shape
     * @param needsInputGrad  which inputs need a gradient; skip the work for the others
     * @return dL/d(input i) with input i's shape where {@code needsInputGrad[i]}, null elsewhere
     */
    protected abstract Tensor[] backward(Tensor gradOutput, boolean[] needsInputGrad);

    /** The operation's name, used in error messages. */
    public String name() {
        return getClass().getSimpleName();
    }
}
