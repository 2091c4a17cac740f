package org.advmusic.nn;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.advmusic.engine.Tensor;

/**
 * Which intermediate outputs a forward pass should keep, and the ones it kept. A capture is passed
 * down explicitly through {@link Module#forward(Tensor, Capture)}, so there are no global hooks: every
 * module reports its output on the way, and the capture keeps those whose path was asked for.
 */
public final class Capture {
    private static final Capture NONE = new Capture(new IdentityHashMap<>());

    private final Map<Module, String> wanted;
    private final Map<String, Tensor> activations = new LinkedHashMap<>();

    private Capture(Map<Module, String> wanted) {
        this.wanted = wanted;
    }

    /** Captures nothing (the plain forward pass). */
    public static Capture none() {
        return NONE;
    }

    /**
     * Captures the outputs of the submodules of {@code root} at the given paths.
     *
     * @param paths dotted module paths as in {@link Module#namedModules()}, e.g. {@code "layer4"}
     * @throws IllegalArgumentException naming every unknown path and the known ones
     */
    public static Capture of(Module root, Set<String> paths) {
        Map<String, Module> modules = root.namedModules();
        Map<Module, String> wanted = new IdentityHashMap<>();
        Set<String> unknown = new TreeSet<>();
        for (String path : paths) {
            Module m = path.isEmpty() ? null : modules.get(path);
            if (m == null) {
                unknown.add(path);
            } else {
                wanted.put(m, path);
            }
        }
        if (!unknown.isEmpty()) {
            Set<String> known = new TreeSet<>(modules.keySet());
            known.remove("");
            throw new IllegalArgumentException("cannot capture " + unknown + ": no such submodule in "
                    + root.getClass().getSimpleName() + "; known paths: " + known);
        }
        return new Capture(wanted);
    }

    /** Whether the output of {@code module} was asked for. */
    public boolean wants(Module module) {
        return wanted.containsKey(module);
    }

    /** Called with every module's output; keeps it when the module's path was requested. */
    public void offer(Module module, Tensor output) {
        String path = wanted.get(module);
        if (path != null) {
            activations.put(path, output);
        }
    }

    /** The outputs captured so far, by path. */
    public Map<String, Tensor> activations() {
        return activations;
    }
}
