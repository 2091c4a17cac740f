package org.advmusic.nn;

import java.util.List;
import org.advmusic.engine.Tensor;

/**
 * Submodules applied one after another, named {@code "0"}, {@code "1"}, ... as in PyTorch's
 * {@code nn.Sequential}, so their parameters appear as {@code features.0.weight} and so on.
 */
public final class Sequential extends Module {
    private int size;

    /** The modules in order. */
    public Sequential(Module... modules) {
        this(List.of(modules));
    }

    /** The modules in order. */
    public Sequential(List<? extends Module> modules) {
        for (Module m : modules) {
            add(m);
        }
    }

    /** Appends a module, named by its position; returns this. */
    public Sequential add(Module module) {
        addModule(Integer.toString(size++), module);
        return this;
    }

    /** The module at {@code index}. */
    public Module get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("Sequential: index " + index + " outside [0, " + size + ")");
        }
        return children().get(Integer.toString(index));
    }

    /** Number of modules. */
    public int size() {
        return size;
    }

    @Override
    protected Tensor compute(Tensor input, Capture capture) {
        return sequence(input, capture, List.copyOf(children().values()));
    }
}
