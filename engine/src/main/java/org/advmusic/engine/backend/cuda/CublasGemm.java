package org.advmusic.engine.backend.cuda;

import jcuda.Pointer;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;
import jcuda.jcublas.cublasOperation;

/**
 * GEMM by cuBLAS ({@code cublasSgemmStridedBatched}) through JCublas, which links
 * {@code libcublas.so.12}: available where a CUDA 12 cuBLAS is installed. The row-major call is
 * restated column-major by {@link ColumnMajorGemm}. Each thread gets its own cuBLAS handle (handles
 * must not be shared between threads that call concurrently); all use the default stream, the one
 * our kernels run on, so products and kernels stay in order. Full float32 math (no TF32).
 */
final class CublasGemm implements GemmEngine {
    private final ThreadLocal<cublasHandle> handles = ThreadLocal.withInitial(CublasGemm::createHandle);
    private final String description;

    /**
     * JCublas, loaded once per JVM: a failed native-library load cannot be retried (later uses of the
     * class only say "Could not initialize class"), so its reason is kept.
     */
    private static final class Library {
        /** Why JCublas did not load, or null. */
        static final String PROBLEM = load();

        private static String load() {
            return PrivateNativeDirectory.whileLoading(() -> {
                try {
                    JCublas2.setExceptionsEnabled(true); // loads libJCublas2, which links libcublas.so.12
                    return null;
                } catch (Throwable t) {
                    return FailureSummary.of(t);
                }
            });
        }
    }

    /**
     * Loads JCublas and creates the calling thread's handle; the device's context must be current.
     *
     * @throws IllegalStateException when JCublas did not load (libcublas.so.12 missing), and whatever
     *                               cuBLAS throws when it cannot start
     */
    CublasGemm() {
        if (Library.PROBLEM != null) {
            throw new IllegalStateException(Library.PROBLEM);
        }
        int[] version = new int[1];
        JCublas2.cublasGetVersion(handles.get(), version);
        description = "cuBLAS " + version[0] / 10000 + "." + version[0] / 100 % 100 + "." + version[0] % 100;
    }

    private static cublasHandle createHandle() {
        cublasHandle handle = new cublasHandle();
        JCublas2.cublasCreate(handle);
        return handle;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void gemm(GemmCall g) {
        ColumnMajorGemm cm = ColumnMajorGemm.ofRowMajor(g.transA(), g.transB(), g.m(), g.n(), g.k());
        JCublas2.cublasSgemmStridedBatched(handles.get(), operation(cm.transposeFirst()),
                operation(cm.transposeSecond()), cm.rows(), cm.columns(), cm.depth(),
                Pointer.to(new float[] {g.alpha()}),
                g.b().pointer(), cm.leadingFirst(), g.strideB(),
                g.a().pointer(), cm.leadingSecond(), g.strideA(),
                Pointer.to(new float[] {g.beta()}),
                g.c().pointer(), cm.leadingResult(), g.strideC(), g.batch());
    }

    private static int operation(boolean transpose) {
        return transpose ? cublasOperation.CUBLAS_OP_T : cublasOperation.CUBLAS_OP_N;
    }
}
