package org.advmusic.nn.explain;

import java.util.LinkedHashMap;
import java.util.Map;
import org.advmusic.nn.Module;

/**
 * Puts a module in evaluation mode (running batch-norm statistics, no dropout) for the length of a
 * {@code try} block and then gives every submodule back its own previous mode, so a model whose
 * parts were in different modes comes out exactly as it went in.
 */
final class EvaluationMode implements AutoCloseable {
    private final Map<Module, Boolean> previousModes = new LinkedHashMap<>();

    private EvaluationMode(Module root) {
        for (Module m : root.namedModules().values()) { // parents before children
            previousModes.put(m, m.isTraining());
        }
        root.eval();
    }

    /** Switches {@code root} and every submodule to evaluation mode until {@link #close()}. */
    static EvaluationMode enter(Module root) {
        return new EvaluationMode(root);
    }

    @Override
    public void close() {
        // train(mode) also sets the descendants; they come later in the map and are set again
        previousModes.forEach(Module::train);
    }
}
