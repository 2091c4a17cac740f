package org.advmusic.engine.ops;

import java.util.Arrays;
import org.advmusic.engine.Autograd;
import org.advmusic.engine.Backend;
import org.advmusic.engine.GradFunction;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;

/**
 * Matrix product {@code a (..., M, K) x b (..., K, N) -> (..., M, N)}. Both operands are 2-D, or
 * both have the same leading (batch) axes, or one is 2-D and is shared by every matrix of the other.
 */
public final class MatMul extends GradFunction {
    private final int m;
    private final int k;
    private final int n;
    private final int batch;

    private MatMul(Tensor a, Tensor b, int m, int k, int n, int batch) {
        super(a, b);
        this.m = m;
        this.k = k;
        this.n = n;
        this.batch = batch;
    }

    /** {@code a x b}, see the class comment for the allowed shapes. */
    public static Tensor apply(Tensor a, Tensor b) {
        a.requireSameBackend("matmul", b);
        Shape sa = a.shape();
        Shape sb = b.shape();
        if (sa.rank() < 2 || sb.rank() < 2 || sa.dim(-1) != sb.dim(-2)) {
            throw new IllegalArgumentException("matmul: shapes " + sa + " and " + sb
                    + " do not multiply; expected (..., M, K) and (..., K, N)");
        }
        int[] batchA = Arrays.copyOf(sa.dims(), sa.rank() - 2);
        int[] batchB = Arrays.copyOf(sb.dims(), sb.rank() - 2);
        if (batchA.length > 0 && batchB.length > 0 && !Arrays.equals(batchA, batchB)) {
            throw new IllegalArgumentException("matmul: batch axes of " + sa + " and " + sb
                    + " differ; expected equal batch axes, or one 2-D operand");
        }
        int[] batchDims = batchA.length > 0 ? batchA : batchB;
        int batch = Shape.of(batchDims).size();
        int m = sa.dim(-2);
        int k = sa.dim(-1);
        int n = sb.dim(-1);
        int[] outDims = Arrays.copyOf(batchDims, batchDims.length + 2);
        outDims[batchDims.length] = m;
        outDims[batchDims.length + 1] = n;
        Tensor out = Tensor.empty(a.backend(), Shape.of(outDims));
        a.backend().gemm(false, false, m, n, k, 1.0,
                a.buffer(), 0, sa.rank() == 2 ? 0 : m * k,
                b.buffer(), 0, sb.rank() == 2 ? 0 : k * n,
                0.0, out.buffer(), 0, m * n, batch);
        return Autograd.shouldRecord(a, b) ? out.withGradFunction(new MatMul(a, b, m, k, n, batch)) : out;
    }

    // C = A B: dL/dA = G B^T, dL/dB = A^T G; a 2-D operand shared across the batch sums over it
    @Override
    protected Tensor[] backward(Tensor g, boolean[] needs) {
        Tensor a = inputs()[0];
        Tensor b = inputs()[1];
        Backend backend = g.backend();
        boolean sharedA = a.rank() == 2;
        boolean sharedB = b.rank() == 2;
        Tensor gradA = null;
        Tensor gradB = null;
        if (needs[0]) {
            gradA = Tensor.empty(backend, a.shape());
            if (sharedA) { // sum over t of G_t B_t^T, accumulated with beta = 1
                for (int t = 0; t < batch; t++) {
                    backend.gemm(false, true, m, k, n, 1.0, g.buffer(), t * m * n, 0,
                            b.buffer(), sharedB ? 0 : t * k * n, 0, t == 0 ? 0.0 : 1.0, gradA.buffer(), 0, 0, 1);
                }
            } else {
                backend.gemm(false, true, m, k, n, 1.0, g.buffer(), 0, m * n, b.buffer(), 0, sharedB ? 0 : k * n,
                        0.0, gradA.buffer(), 0, m * k, batch);
            }
        }
        if (needs[1]) {
            gradB = Tensor.empty(backend, b.shape());
            if (sharedB) {
                for (int t = 0; t < batch; t++) {
                    backend.gemm(true, false, k, n, m, 1.0, a.buffer(), sharedA ? 0 : t * m * k, 0,
                            g.buffer(), t * m * n, 0, t == 0 ? 0.0 : 1.0, gradB.buffer(), 0, 0, 1);
                }
            } else {
                backend.gemm(true, false, k, n, m, 1.0, a.buffer(), 0, sharedA ? 0 : m * k, g.buffer(), 0, m * n,
                        0.0, gradB.buffer(), 0, k * n, batch);
            }
        }
        return new Tensor[] {gradA, gradB};
    }
}
