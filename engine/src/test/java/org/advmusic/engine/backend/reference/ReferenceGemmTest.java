package org.advmusic.engine.backend.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Backends;
import org.advmusic.engine.DeviceBuffer;
import org.junit.jupiter.api.Test;

/** The reference backend's products through EJML agree with the textbook loop they replace. */
class ReferenceGemmTest {
    private final Backend reference = Backends.reference();

    @Test
    void ejmlProductsEqualThePlainLoops() {
        SplittableRandom random = new SplittableRandom(18);
        int[][] shapes = {{1, 1, 1}, {3, 5, 7}, {17, 4, 33}, {8, 13, 1}, {6, 9, 0}, {40, 31, 29}};
        for (int[] shape : shapes) {
            int m = shape[0];
            int n = shape[1];
            int k = shape[2];
            for (int variant = 0; variant < 16; variant++) {
                boolean transA = (variant & 1) != 0;
                boolean transB = (variant & 2) != 0;
                double beta = (variant & 4) != 0 ? 0.0 : -0.75;
                boolean sharedA = (variant & 8) != 0;
                int batch = 3;
                int strideA = sharedA ? 0 : m * k + 2;
                int strideB = k * n + 1;
                int strideC = m * n + 3;
                double[] a = values(random, 5 + (sharedA ? m * k : batch * strideA));
                double[] b = values(random, 4 + batch * strideB);
                double[] c = values(random, 2 + batch * strideC);
                if (beta == 0) {
                    c[2] = Double.NaN; // ignored when beta is 0
                }
                double[] expected = c.clone();
                ReferenceBackend.gemmByLoops(transA, transB, m, n, k, 1.25, a, 5, strideA, b, 4, strideB, beta,
                        expected, 2, strideC, batch);
                DeviceBuffer cBuffer = reference.upload(c);
                reference.gemm(transA, transB, m, n, k, 1.25, reference.upload(a), 5, strideA, reference.upload(b), 4,
                        strideB, beta, cBuffer, 2, strideC, batch);
                double[] actual = new double[c.length];
                reference.download(cBuffer, actual);
                for (int i = 0; i < c.length; i++) {
                    assertEquals(expected[i], actual[i], 1e-12 * (1 + Math.abs(expected[i])),
                            m + "x" + n + "x" + k + " transA " + transA + " transB " + transB + " beta " + beta
                                    + " shared A " + sharedA + ": element " + i);
                }
            }
        }
    }

    private static double[] values(SplittableRandom random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextDouble(-1, 1);
        }
        return v;
    }
}
