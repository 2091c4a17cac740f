package org.advmusic.engine.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.advmusic.engine.Backends;
import org.advmusic.engine.GradFunction;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.ops.Add;
import org.junit.jupiter.api.Test;

/** Fails when an operation class of the ops package has no case in {@link CudaOpParity} (checked on the reference backend). */
class CudaOpParityCoverageTest {

    @Test
    void everyDifferentiableOperationHasAParityCase() throws Exception {
        Set<String> covered = new TreeSet<>();
        for (CudaOpParity.OpCase c : CudaOpParity.cases()) {
            Tensor[] inputs = c.inputs().apply(Backends.reference());
            for (Tensor t : inputs) {
                t.requiresGrad(true);
            }
            Deque<Tensor> pending = new ArrayDeque<>();
            pending.push(c.function().apply(inputs));
            while (!pending.isEmpty()) {
                GradFunction fn = pending.pop().gradFunction();
                if (fn != null) {
                    covered.add(fn.getClass().getSimpleName());
                    for (Tensor in : fn.inputs()) {
                        if (in != null) {
                            pending.push(in);
                        }
                    }
                }
            }
        }
        Set<String> operations = new TreeSet<>();
        URL addClass = Add.class.getResource("Add.class");
        try (Stream<Path> files = Files.list(Path.of(addClass.toURI()).getParent())) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String file = p.getFileName().toString();
                if (file.endsWith(".class") && !file.contains("$")) {
                    Class<?> type = Class.forName(Add.class.getPackageName() + "." + file.substring(0, file.length() - 6));
                    if (GradFunction.class.isAssignableFrom(type)) {
                        operations.add(type.getSimpleName());
                    }
                }
            }
        }
        assertFalse(operations.isEmpty(), "no operation classes found next to " + addClass);
        operations.removeAll(covered);
        assertTrue(operations.isEmpty(), "operations without a CUDA parity case: " + operations);
    }
}
