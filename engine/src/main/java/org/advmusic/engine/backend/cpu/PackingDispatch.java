package org.advmusic.engine.backend.cpu;

/**
 * The GEMM kernels' calls into their operands, made through the concrete kind of {@link PackingSource}
 * (a type test, then a direct call the JIT can inline) instead of one interface call site that sees
 * every kind: fed all three kinds (a training step, then an attack), the kernels' packing call sites
 * became megamorphic, dispatched through the interface table at every block and packed row, and were
 * compiled differently from one JVM to the next (issue 21's slow forks). {@code PackingSource} is
 * sealed, so a new kind must be added here too; {@code PackingDispatchTest} fails when one is missing
 * or when a kernel calls a {@code PackingSource} method directly again.
 */
final class PackingDispatch {
    private PackingDispatch() {
    }

    /** {@link PackingSource#readsRows()} of {@code source}. */
    static boolean readsRows(PackingSource source) {
        if (source instanceof DenseMatrix m) {
            return m.readsRows();
        } else if (source instanceof Im2colMatrix m) {
            return m.readsRows();
        }
        return ((RowStripMatrix) source).readsRows();
    }

    /** {@link PackingSource#copyRow} of {@code source}. */
    static void copyRow(PackingSource source, int row, int col0, int count, float[] dst, int dstOffset) {
        if (source instanceof DenseMatrix m) {
            m.copyRow(row, col0, count, dst, dstOffset);
        } else if (source instanceof Im2colMatrix m) {
            m.copyRow(row, col0, count, dst, dstOffset);
        } else {
            ((RowStripMatrix) source).copyRow(row, col0, count, dst, dstOffset);
        }
    }

    /** {@link PackingSource#packColumnStrips} of {@code source}. */
    static void packColumnStrips(PackingSource source, int row0, int rowCount, int col0, int columnCount, int width,
                                 float[] dst) {
        if (source instanceof DenseMatrix m) {
            m.packColumnStrips(row0, rowCount, col0, columnCount, width, dst);
        } else if (source instanceof Im2colMatrix m) {
            m.packColumnStrips(row0, rowCount, col0, columnCount, width, dst);
        } else {
            ((RowStripMatrix) source).packColumnStrips(row0, rowCount, col0, columnCount, width, dst);
        }
    }

    /** {@link PackingSource#packRowStrips} of {@code source}. */
    static void packRowStrips(PackingSource source, int row0, int rowCount, int col0, int columnCount, int height,
                              float[] dst) {
        if (source instanceof DenseMatrix m) {
            m.packRowStrips(row0, rowCount, col0, columnCount, height, dst);
        } else if (source instanceof Im2colMatrix m) {
            m.packRowStrips(row0, rowCount, col0, columnCount, height, dst);
        } else {
            ((RowStripMatrix) source).packRowStrips(row0, rowCount, col0, columnCount, height, dst);
        }
    }
}
