package org.advmusic.engine.backend.cuda;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuCtxSynchronize;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;
import static jcuda.driver.JCudaDriver.cuInit;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemGetInfo;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoD;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuMemsetD32;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jcuda.CudaException;
import jcuda.NativePointerObject;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * The {@link DeviceRuntime} of a real GPU, through the JCuda driver API: the device's primary
 * context (shared with cuBLAS), made current on each thread that uses it; the PTX modules loaded
 * once (the driver JIT-compiles them for the GPU); every call with JCuda's exceptions enabled, so a
 * failed call throws {@link CudaException} naming the error. All work goes to the default stream.
 */
final class JCudaRuntime implements DeviceRuntime {
    /** The oldest architecture the PTX is compiled for (compute_75, see build-ptx.sh). */
    static final int OLDEST_COMPUTE_CAPABILITY = 75;

    private final CUcontext context;
    private final String deviceDescription;
    private final Map<Kernel, CUfunction> functions;
    private final boolean synchronous;
    private final ThreadLocal<Boolean> current = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private final GemmEngine cublas;
    private final String cublasProblem;

    private JCudaRuntime(CUcontext context, String deviceDescription, Map<Kernel, CUfunction> functions,
                         boolean synchronous) {
        this.context = context;
        this.deviceDescription = deviceDescription;
        this.functions = functions;
        this.synchronous = synchronous;
        current.set(Boolean.TRUE); // open() made the context current on this thread
        GemmEngine loaded = null;
        String problem = null;
        try {
            loaded = new CublasGemm();
        } catch (IllegalStateException e) { // JCublas did not load: the message says why
            problem = "cuBLAS not loaded (JCublas needs libcublas.so.12 from a CUDA 12 installation): " + e.getMessage();
        } catch (Throwable t) { // cuBLAS loaded but could not start
            problem = "cuBLAS did not start: " + FailureSummary.of(t);
        }
        this.cublas = loaded;
        this.cublasProblem = problem;
    }

    /**
     * Opens device {@code ordinal}: loads the JCuda driver bindings, initialises the driver, retains
     * the device's primary context, makes it current on this thread and loads the PTX modules.
     *
     * @param synchronous wait after every launch, so that a failing kernel is reported by name
     * @throws CudaUnavailableException naming the step that failed and why
     */
    static JCudaRuntime open(int ordinal, boolean synchronous) throws CudaUnavailableException {
        if (Bindings.PROBLEM != null) {
            throw new CudaUnavailableException(Bindings.PROBLEM);
        }
        step("initialising the CUDA driver (cuInit)", () -> cuInit(0));
        int[] count = new int[1];
        step("counting CUDA devices", () -> cuDeviceGetCount(count));
        if (count[0] == 0) {
            throw new CudaUnavailableException("the NVIDIA driver is installed but reports no CUDA device");
        }
        if (ordinal < 0 || ordinal >= count[0]) {
            throw new CudaUnavailableException("CUDA device " + ordinal + " was requested (advmusic.cuda.device or the backend "
                    + "options) but the driver reports " + count[0] + " device(s), 0 to "
                    + (count[0] - 1));
        }
        CUdevice device = new CUdevice();
        CUcontext context = new CUcontext();
        step("opening the context of CUDA device " + ordinal, () -> {
            cuDeviceGet(device, ordinal);
            cuDevicePrimaryCtxRetain(context, device);
            cuCtxSetCurrent(context);
        });
        String description = describeDevice(device, ordinal);
        int capability = attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR) * 10
                + attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
        if (capability < OLDEST_COMPUTE_CAPABILITY) {
            throw new CudaUnavailableException(description + " is older than compute capability "
                    + OLDEST_COMPUTE_CAPABILITY / 10 + "." + OLDEST_COMPUTE_CAPABILITY % 10
                    + ", the oldest the kernels are compiled for");
        }
        Map<Kernel, CUfunction> functions = new EnumMap<>(Kernel.class);
        step("loading the PTX kernels on " + description + " (the PTX declares ISA 8.0, which needs a driver for"
                + " CUDA 12.0 or newer, R525+)", () -> loadKernels(functions));
        return new JCudaRuntime(context, description, functions, synchronous);
    }

    private static void loadKernels(Map<Kernel, CUfunction> functions) {
        for (PtxModule module : PtxModule.values()) {
            CUmodule loaded = new CUmodule();
            try {
                cuModuleLoadData(loaded, module.image());
            } catch (CudaException e) {
                throw new CudaException(module.resource() + ": " + e.getMessage(), e);
            }
            for (Kernel kernel : Kernel.values()) {
                if (kernel.module() == module) {
                    CUfunction function = new CUfunction();
                    cuModuleGetFunction(function, loaded, kernel.entry());
                    functions.put(kernel, function);
                }
            }
        }
    }

    private static String describeDevice(CUdevice device, int ordinal) throws CudaUnavailableException {
        byte[] name = new byte[256];
        int[] driver = new int[1];
        step("querying CUDA device " + ordinal, () -> {
            cuDeviceGetName(name, name.length, device);
            cuDriverGetVersion(driver);
        });
        int end = 0;
        while (end < name.length && name[end] != 0) {
            end++;
        }
        return new String(name, 0, end, StandardCharsets.UTF_8) + " (device " + ordinal + ", compute capability "
                + attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR) + "."
                + attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR) + ", driver for CUDA "
                + driver[0] / 1000 + "." + driver[0] % 1000 / 10 + ")";
    }

    private static int attribute(CUdevice device, int attribute) {
        int[] value = new int[1];
        cuDeviceGetAttribute(value, attribute, device);
        return value[0];
    }

    /**
     * The JCuda driver bindings, loaded once per JVM: a failed native-library load cannot be retried
     * (later uses of the class only say "Could not initialize class"), so its reason is kept.
     */
    private static final class Bindings {
        /** Why the bindings did not load, or null. */
        static final String PROBLEM = load();

        private static String load() {
            return PrivateNativeDirectory.whileLoading(() -> {
                try {
                    JCudaDriver.setExceptionsEnabled(true); // loads libJCudaDriver, which links libcuda.so.1
                    return null;
                } catch (Throwable t) {
                    return "loading the JCuda driver bindings (libJCudaDriver needs libcuda.so.1, which the NVIDIA"
                            + " driver installs) failed: " + FailureSummary.of(t);
                }
            });
        }
    }

    /** A step of {@link #open} that may fail for reasons outside our control. */
    private interface Step {
        void run() throws CudaUnavailableException;
    }

    private static void step(String what, Step step) throws CudaUnavailableException {
        try {
            step.run();
        } catch (CudaUnavailableException e) {
            throw e;
        } catch (Throwable t) { // UnsatisfiedLinkError, NoClassDefFoundError, CudaException, ...
            throw new CudaUnavailableException(what + " failed: " + FailureSummary.of(t), t);
        }
    }

    // ---------------------------------------------------------------- DeviceRuntime

    @Override
    public String description() {
        return deviceDescription;
    }

    @Override
    public void makeCurrent() {
        if (!current.get()) {
            cuCtxSetCurrent(context);
            current.set(Boolean.TRUE);
        }
    }

    @Override
    public boolean isCurrentOnThisThread() {
        return current.get();
    }

    @Override
    public CUdeviceptr allocate(long bytes) {
        CUdeviceptr pointer = new CUdeviceptr();
        try {
            cuMemAlloc(pointer, bytes);
        } catch (CudaException e) {
            if (CUresult.stringFor(CUresult.CUDA_ERROR_OUT_OF_MEMORY).equals(e.getMessage())) {
                throw new OutOfDeviceMemoryException("cuMemAlloc of " + bytes + " bytes: " + e.getMessage());
            }
            throw e;
        }
        return pointer;
    }

    @Override
    public void free(CUdeviceptr block) {
        cuMemFree(block);
    }

    @Override
    public String memoryUsage() {
        long[] free = new long[1];
        long[] total = new long[1];
        cuMemGetInfo(free, total);
        return free[0] + " of " + total[0] + " bytes free on the device";
    }

    @Override
    public void upload(float[] source, DeviceAddress target) {
        cuMemcpyHtoD(target.pointer(), Pointer.to(source), (long) source.length * Float.BYTES);
    }

    @Override
    public void upload(int[] source, DeviceAddress target) {
        cuMemcpyHtoD(target.pointer(), Pointer.to(source), (long) source.length * Integer.BYTES);
    }

    @Override
    public void download(DeviceAddress source, float[] target) {
        cuMemcpyDtoH(Pointer.to(target), source.pointer(), (long) target.length * Float.BYTES);
    }

    @Override
    public void copy(DeviceAddress source, DeviceAddress target, long bytes) {
        cuMemcpyDtoD(target.pointer(), source.pointer(), bytes);
    }

    @Override
    public void fill(DeviceAddress target, long count, int bits) {
        cuMemsetD32(target.pointer(), bits, count);
    }

    @Override
    public void launch(Kernel kernel, LaunchShape shape, KernelArguments arguments) {
        List<KernelArguments.Argument> list = arguments.list();
        NativePointerObject[] parameters = new NativePointerObject[list.size()];
        for (int i = 0; i < parameters.length; i++) {
            parameters[i] = parameter(list.get(i));
        }
        try {
            cuLaunchKernel(functions.get(kernel), shape.gridX(), shape.gridY(), shape.gridZ(),
                    shape.blockX(), shape.blockY(), 1, 0, null, Pointer.to(parameters), null);
            if (synchronous) {
                cuCtxSynchronize();
            }
        } catch (CudaException e) {
            throw new CudaException("kernel " + kernel.entry() + " " + shape + ": " + e.getMessage(), e);
        }
    }

    /** A pointer to the argument's value, as cuLaunchKernel expects. */
    private static Pointer parameter(KernelArguments.Argument argument) {
        if (argument instanceof KernelArguments.Address a) {
            return Pointer.to(a.address().pointer());
        } else if (argument instanceof KernelArguments.Int32 i) {
            return Pointer.to(new int[] {i.value()});
        } else if (argument instanceof KernelArguments.Float32 f) {
            return Pointer.to(new float[] {f.value()});
        } else if (argument instanceof KernelArguments.Float64 d) {
            return Pointer.to(new double[] {d.value()});
        } else if (argument instanceof KernelArguments.Int64 l) {
            return Pointer.to(new long[] {l.value()});
        }
        return Pointer.to(((KernelArguments.IntStruct) argument).fields());
    }

    @Override
    public void synchronize() {
        cuCtxSynchronize();
    }

    @Override
    public Optional<GemmEngine> cublas() {
        return Optional.ofNullable(cublas);
    }

    @Override
    public String cublasProblem() {
        return cublasProblem;
    }
}
