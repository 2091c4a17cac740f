package org.advmusic.bench;

import org.advmusic.engine.DeviceBuffer;
import org.advmusic.engine.backend.cpu.CpuBackend;
import org.ejml.concurrency.EjmlConcurrency;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.CommonOps_MT_FDRM;

/**
 * One float32 matrix product of a given shape, ready to run repeatedly: on the CPU backend's fast
 * kernel, or on EJML ({@code CommonOps_FDRM.mult} on one thread, {@code CommonOps_MT_FDRM.mult} on
 * more) for comparison. Inputs are seeded uniform values in [-1, 1).
 */
public final class GemmWorkload {
    /** Which implementation multiplies. */
    public enum Implementation {
        /** {@link CpuBackend#gemm}: the Vector API kernel when the module is enabled. */
        FAST,
        /** EJML's row-major float GEMM. */
        EJML
    }

    private final Runnable product;

    /** Prepares {@code shape} on {@code threads} threads; {@code cpu} is used for {@link Implementation#FAST}. */
    public GemmWorkload(GemmShape shape, Implementation implementation, int threads, CpuBackend cpu) {
        float[] a = Inputs.uniform(1, shape.m() * shape.k());
        float[] b = Inputs.uniform(2, shape.k() * shape.n());
        if (implementation == Implementation.FAST) {
            if (cpu.threads() != threads) {
                throw new IllegalArgumentException("the cpu backend has " + cpu.threads() + " threads, expected "
                        + threads);
            }
            DeviceBuffer da = cpu.upload(a);
            DeviceBuffer db = cpu.upload(b);
            DeviceBuffer dc = cpu.allocate(shape.m() * shape.n());
            product = () -> cpu.gemm(false, false, shape.m(), shape.n(), shape.k(), 1.0, da, db, 0.0, dc);
        } else {
            FMatrixRMaj ma = FMatrixRMaj.wrap(shape.m(), shape.k(), a);
            FMatrixRMaj mb = FMatrixRMaj.wrap(shape.k(), shape.n(), b);
            FMatrixRMaj mc = new FMatrixRMaj(shape.m(), shape.n());
            if (threads == 1) {
                product = () -> CommonOps_FDRM.mult(ma, mb, mc);
            } else {
                product = () -> {
                    EjmlConcurrency.setMaxThreads(threads);
                    CommonOps_MT_FDRM.mult(ma, mb, mc);
                };
            }
        }
    }

    /** Computes the product once. */
    public void run() {
        product.run();
    }
}
