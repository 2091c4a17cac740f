package org.advmusic.engine.backend.cpu;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Whether the Vector API would run in its Java fallback in this JVM: its operations are then plain
 * Java methods over arrays (for example {@code FloatVector.stOp}), many times slower than the loops
 * they replace, because only the C2 compiler turns them into vector instructions. That happens when C2
 * is off ({@code -Xint}, {@code -XX:TieredStopAtLevel} below 4), when vector intrinsics are disabled
 * ({@code -XX:-EnableVectorSupport}), or when the CPU has no vector registers of 128 bits or more. The
 * cpu backend prints {@link #warnOnce() one line} when it starts its vector kernels in such a JVM.
 */
final class VectorApiFallback {
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private VectorApiFallback() {
    }

    /** Why the Vector API runs in its Java fallback in this JVM, or empty when it does not. */
    static Optional<String> reason() {
        Map<String, String> flags = new HashMap<>();
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        for (String flag : new String[] {"UseCompiler", "TieredStopAtLevel", "EnableVectorSupport", "MaxVectorSize"}) {
            try {
                flags.put(flag, hotspot.getVMOption(flag).getValue());
            } catch (IllegalArgumentException e) {
                // an experimental flag is visible only once unlocked, which is also the only way to change it
            }
        }
        return reason(flags::get, System.getProperty("java.vm.info", ""));
    }

    /** {@link #reason()} for the given JVM flag values (null when unknown) and {@code java.vm.info}. */
    static Optional<String> reason(Function<String, String> flags, String vmInfo) {
        if ("false".equals(flags.apply("UseCompiler")) || vmInfo.contains("interpreted mode")) {
            return Optional.of("the JIT compilers are off (-Xint)");
        }
        String level = flags.apply("TieredStopAtLevel");
        if (level != null && Integer.parseInt(level) < 4) {
            return Optional.of("C2 is off (-XX:TieredStopAtLevel=" + level + ")");
        }
        if ("false".equals(flags.apply("EnableVectorSupport"))) {
            return Optional.of("vector intrinsics are disabled (-XX:-EnableVectorSupport)");
        }
        String bytes = flags.apply("MaxVectorSize");
        if (bytes != null && Integer.parseInt(bytes) < 16) {
            return Optional.of("this CPU has no vector registers of 128 bits or more (MaxVectorSize=" + bytes + ")");
        }
        return Optional.empty();
    }

    /** Prints one line on standard error, once per JVM, when {@link #reason()} finds a cause. */
    static void warnOnce() {
        reason().ifPresent(why -> {
            if (WARNED.compareAndSet(false, true)) {
                System.err.println("advmusic: warning: the Vector API runs in its Java fallback here (" + why
                        + "), so the cpu backend's vector kernels run many times slower than they should");
            }
        });
    }
}
