package org.advmusic.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.advmusic.engine.InPlace;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.testing.GradCheck;

/**
 * Gradient checks of whole modules: the input and the chosen parameters are the checked inputs of
 * {@link GradCheck}. Shifted copies of a parameter are written into the module before each forward
 * pass, and random streams are reset so that dropout draws the same mask every time.
 */
public final class ModuleGradCheck {
    private ModuleGradCheck() {
    }

    /** Checks the input and every parameter of {@code module}; returns the largest relative error. */
    public static double check(String name, Module module, Tensor input) {
        return check(name, module, input, List.copyOf(module.namedParameters().keySet()));
    }

    /** Checks the input and the named parameters; returns the largest relative error. */
    public static double check(String name, Module module, Tensor input, List<String> parameterNames) {
        Map<String, Parameter> parameters = module.namedParameters();
        List<Tensor> values = new ArrayList<>();
        for (String p : parameterNames) {
            values.add(parameters.get(p).value());
        }
        Map<String, Stochastic.RandomStream> streams = module.randomStreams();
        Tensor[] inputs = new Tensor[values.size() + 1];
        inputs[0] = input;
        for (int i = 0; i < values.size(); i++) {
            inputs[i + 1] = values.get(i);
        }
        return GradCheck.check(name, in -> {
            for (int i = 0; i < values.size(); i++) {
                if (in[i + 1] != values.get(i)) {
                    InPlace.copy(values.get(i), in[i + 1]);
                }
            }
            module.restoreRandomStreams(streams);
            return module.forward(in[0]);
        }, inputs);
    }
}
