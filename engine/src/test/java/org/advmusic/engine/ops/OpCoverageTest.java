package org.advmusic.engine.ops;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.advmusic.engine.GradFunction;
import org.advmusic.engine.Tensor;
import org.junit.jupiter.api.Test;

/** Fails when an operation class has no gradient-check case. */
class OpCoverageTest {

    @Test
    void everyOperationHasAGradientCheckCase() throws Exception {
        Set<String> operations = differentiableOperationClasses();
        assertFalse(operations.isEmpty(), "no operation classes found");
        Set<String> covered = new TreeSet<>();
        for (OpGradientCases.GradCase c : OpGradientCases.all()) {
            Tensor[] inputs = c.inputs().get();
            for (Tensor t : inputs) {
                t.requiresGrad(true);
            }
            collect(c.function().apply(inputs), covered);
        }
        Set<String> missing = new TreeSet<>(operations);
        missing.removeAll(covered);
        assertTrue(missing.isEmpty(), "operations without a gradient-check case: " + missing);
    }

    @Test
    void thePackageHoldsOnlyDifferentiableOperations() throws Exception {
        Set<String> others = new TreeSet<>();
        for (Class<?> cls : publicClasses()) {
            if (!GradFunction.class.isAssignableFrom(cls)) {
                others.add(cls.getSimpleName());
            }
        }
        assertTrue(others.isEmpty(), "public classes in ops that are not differentiable operations (move them to "
                + "engine.unrecorded or make them package-private helpers): " + others);
    }

    private static void collect(Tensor root, Set<String> seen) {
        Deque<Tensor> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            GradFunction fn = stack.pop().gradFunction();
            if (fn != null) {
                seen.add(fn.getClass().getName());
                for (Tensor in : fn.inputs()) {
                    if (in != null) {
                        stack.push(in);
                    }
                }
            }
        }
    }

    /** Every concrete subclass of GradFunction compiled into the ops package. */
    private static Set<String> differentiableOperationClasses() throws IOException, URISyntaxException {
        Set<String> names = new TreeSet<>();
        for (Class<?> cls : topLevelClasses()) {
            if (GradFunction.class.isAssignableFrom(cls)) {
                names.add(cls.getName());
            }
        }
        return names;
    }

    private static List<Class<?>> publicClasses() throws IOException, URISyntaxException {
        return topLevelClasses().stream().filter(c -> Modifier.isPublic(c.getModifiers())).toList();
    }

    /** The top-level classes compiled into the ops package. */
    private static List<Class<?>> topLevelClasses() throws IOException, URISyntaxException {
        URL url = Add.class.getResource("Add.class");
        Path dir = Path.of(url.toURI()).getParent();
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String file = p.getFileName().toString();
                if (!file.endsWith(".class") || file.contains("$") || file.startsWith("package-info")) {
                    continue;
                }
                try {
                    classes.add(Class.forName(Add.class.getPackageName() + "." + file.substring(0, file.length() - 6)));
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return classes;
    }
}
