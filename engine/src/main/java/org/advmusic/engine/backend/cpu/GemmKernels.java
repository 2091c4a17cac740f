package org.advmusic.engine.backend.cpu;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Chooses the GEMM kernel: the Vector API kernel when the {@code jdk.incubator.vector} module is in
 * the boot layer (the JVM was started with {@code --add-modules jdk.incubator.vector}), else the
 * plain-Java kernel, with one notice on standard error that says how to enable the fast one.
 * {@link org.advmusic.engine.BackendOptions#cpuGemm} ({@code auto}, {@code vector} or {@code plain})
 * can force one, for example to measure the fallback.
 */
final class GemmKernels {
    /** The incubating module that holds the Vector API. */
    static final String VECTOR_MODULE = "jdk.incubator.vector";

    private static final AtomicBoolean NOTICE_SHOWN = new AtomicBoolean();

    private GemmKernels() {
    }

    /** The kernel named {@code choice} ({@code vector} or {@code plain}), or the best available one ({@code auto}). */
    static GemmKernel named(String choice) {
        switch (choice.trim().toLowerCase(Locale.ROOT)) {
            case "plain":
                return new PlainGemmKernel();
            case "vector":
                if (!vectorModulePresent()) {
                    throw new IllegalStateException("the vector GEMM kernel was requested, but the " + VECTOR_MODULE
                            + " module is not enabled; start java with --add-modules " + VECTOR_MODULE);
                }
                return vector();
            case "auto":
                if (vectorModulePresent()) {
                    return vector();
                }
                if (NOTICE_SHOWN.compareAndSet(false, true)) {
                    System.err.println("advmusic: the " + VECTOR_MODULE + " module is not enabled, so the cpu backend"
                            + " uses its plain-Java matrix product (several times slower); start java with"
                            + " --add-modules " + VECTOR_MODULE + " to use the fast kernel");
                }
                return new PlainGemmKernel();
            default:
                throw new IllegalArgumentException("cpu GEMM kernel '" + choice
                        + "', expected auto, vector or plain");
        }
    }

    /** Whether the Vector API module was added to the boot layer. */
    static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    /**
     * The Vector API kernel, loaded by name so that no class outside it refers to the incubator
     * module (which would fail to link without it). Call only when {@link #vectorModulePresent()}.
     */
    static GemmKernel vector() {
        VectorApiFallback.warnOnce();
        try {
            return (GemmKernel) Class.forName(GemmKernels.class.getPackageName() + ".VectorGemmKernel")
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load the Vector API GEMM kernel", e);
        }
    }
}
