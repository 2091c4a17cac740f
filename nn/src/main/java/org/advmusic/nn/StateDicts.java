package org.advmusic.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.advmusic.engine.InPlace;
import org.advmusic.engine.MemoryScope;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;

/** Checking and copying named tensors (the state of modules and optimizers). */
public final class StateDicts {
    private StateDicts() {
    }

    /** The shape of every tensor, in the map's order. */
    public static Map<String, Shape> shapes(Map<String, Tensor> tensors) {
        Map<String, Shape> out = new LinkedHashMap<>();
        tensors.forEach((name, t) -> out.put(name, t.shape()));
        return out;
    }

    /**
     * Every difference between what a target expects and what a source provides: names missing
     * from the source, names the target does not know, and shapes that differ. Empty when they fit.
     */
    public static List<String> mismatches(Map<String, Shape> expected, Map<String, Shape> given) {
        List<String> problems = new ArrayList<>();
        expected.forEach((name, shape) -> {
            Shape found = given.get(name);
            if (found == null) {
                problems.add("missing " + name + " " + shape);
            } else if (!found.equals(shape)) {
                problems.add("shape of " + name + " is " + found + ", expected " + shape);
            }
        });
        given.keySet().stream().filter(name -> !expected.containsKey(name))
                .forEach(name -> problems.add("unexpected " + name + " " + given.get(name)));
        return problems;
    }

    /**
     * Copies every source tensor into the target tensor of the same name (converting to the target's
     * backend), after checking that names and shapes match exactly. Modifies the target tensors.
     *
     * @param what names the target in the error, e.g. "state dict for GenreCnn"
     * @throws StateDictMismatchException listing every mismatch; nothing is copied then
     */
    public static void copyInto(Map<String, Tensor> target, Map<String, Tensor> source, String what) {
        List<String> problems = mismatches(shapes(target), shapes(source));
        if (!problems.isEmpty()) {
            throw new StateDictMismatchException(what, problems);
        }
        try (MemoryScope ignored = MemoryScope.open()) {
            target.forEach((name, t) -> InPlace.copy(t, source.get(name).to(t.backend())));
        }
    }

    /**
     * Copies of every tensor, owned by no memory scope (a snapshot that later updates do not change);
     * release them with {@link #release} when they are no longer needed.
     */
    public static Map<String, Tensor> snapshot(Map<String, Tensor> tensors) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        try (MemoryScope ignored = MemoryScope.persistent()) {
            tensors.forEach((name, t) -> out.put(name, t.detach().copy()));
        }
        return out;
    }

    /** Releases every tensor of a snapshot (null is ignored). */
    public static void release(Map<String, Tensor> tensors) {
        if (tensors != null) {
            tensors.values().forEach(Tensor::release);
        }
    }
}
