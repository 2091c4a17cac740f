package org.advmusic.engine.backend.cpu;

import static org.advmusic.engine.backend.cpu.CpuTesting.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.advmusic.engine.Conv2dGeometry;
import org.junit.jupiter.api.Test;

/**
 * The GEMM kernels' packing calls stay monomorphic: every kind of {@link PackingSource} is final and
 * dispatched by {@link PackingDispatch} (a new kind without its branch there fails here), and no kernel
 * calls a {@code PackingSource} method through the interface (a megamorphic call site in the packing
 * loops, issue 21).
 */
class PackingDispatchTest {
    /** One operand of each kind: 7 x 12, and the 9 x 12 im2col matrix of a 4 x 3 mono input. */
    private static final Map<Class<?>, PackingSource> ONE_OF_EACH = Map.of(
            DenseMatrix.class, new DenseMatrix(values(1, 84), 0, 7, 12, false),
            Im2colMatrix.class, new Im2colMatrix(new Conv2dGeometry(1, 4, 3, 3, 3, 1, 1, 1, 1), values(2, 12), 0),
            RowStripMatrix.class, new RowStripMatrix(values(3, RowStripMatrix.storedSize(7, 12, 6)), 0, 7, 12, 6));

    @Test
    void everyKindOfSourceIsFinalAndDispatched() {
        Set<Class<?>> permitted = Arrays.stream(PackingSource.class.getPermittedSubclasses()).collect(Collectors.toSet());
        assertEquals(ONE_OF_EACH.keySet(), permitted,
                "a new kind of PackingSource needs its branch in PackingDispatch and an operand here");
        for (Map.Entry<Class<?>, PackingSource> kind : ONE_OF_EACH.entrySet()) {
            PackingSource source = kind.getValue();
            String name = kind.getKey().getSimpleName();
            assertTrue(Modifier.isFinal(kind.getKey().getModifiers()), name + " must be final: calls to it are direct");
            assertEquals(source.readsRows(), PackingDispatch.readsRows(source), name);
            float[] expected = new float[2 * 12 * 6];
            float[] actual = new float[expected.length];
            source.packRowStrips(0, 7, 0, 12, 6, expected);
            PackingDispatch.packRowStrips(source, 0, 7, 0, 12, 6, actual);
            assertArrayEquals(expected, actual, name + " row strips");
            expected = new float[7 * 16];
            actual = new float[expected.length];
            source.packColumnStrips(0, 7, 0, 12, 8, expected);
            PackingDispatch.packColumnStrips(source, 0, 7, 0, 12, 8, actual);
            assertArrayEquals(expected, actual, name + " column strips");
            expected = new float[12];
            actual = new float[12];
            source.copyRow(3, 0, 12, expected, 0);
            PackingDispatch.copyRow(source, 3, 0, 12, actual, 0);
            assertArrayEquals(expected, actual, name + " row");
        }
    }

    @Test
    void theKernelsNeverCallThePackingInterface() {
        for (Class<?> kernel : List.of(VectorGemmKernel.class, PlainGemmKernel.class, GemmDriver.class)) {
            String interfaceCalls = Arrays.stream(Bytecode.listing(kernel.getName()).split("\n"))
                    .filter(line -> line.contains("invokeinterface") && line.contains("PackingSource."))
                    .collect(Collectors.joining("\n"));
            assertTrue(interfaceCalls.isEmpty(), kernel.getSimpleName()
                    + " calls PackingSource through the interface (call PackingDispatch instead):\n" + interfaceCalls);
        }
    }
}
