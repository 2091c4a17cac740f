package org.advmusic.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The one place where the engine reads its settings from outside the program: the environment
 * variables {@value #DEVICE_VARIABLE} and {@value #THREADS_VARIABLE}, and the JVM system properties given at
 * start-up ({@code -Dadvmusic.device}, {@code -Dadvmusic.threads}, {@code -Dadvmusic.cpu.gemm},
 * {@code -Dadvmusic.cpu.winograd}, {@code -Dadvmusic.cuda.device}, {@code -Dadvmusic.cuda.gemm},
 * {@code -Dadvmusic.cuda.synchronous}); a system property wins over the environment variable of the same
 * setting. They are read once, when first needed; nothing in the engine sets them. A value that cannot be
 * used is an error naming the variable, the value and what was expected, never silently ignored.
 *
 * @param device  the default device ({@code auto}, {@code cpu}, {@code cuda} or {@code reference}), or null when
 *                none is set
 * @param options the backend options
 */
public record EngineEnvironment(String device, BackendOptions options) {
    /** Environment variable naming the default device. */
    public static final String DEVICE_VARIABLE = "ADVMUSIC_DEVICE";
    /** Environment variable with the CPU thread count. */
    public static final String THREADS_VARIABLE = "ADVMUSIC_THREADS";
    /** The device names accepted in {@value #DEVICE_VARIABLE}. */
    public static final List<String> DEVICES = List.of("auto", "cpu", "cuda", "reference");

    private static volatile EngineEnvironment current;

    /** The settings of this JVM (environment and start-up system properties), read on first use. */
    public static EngineEnvironment current() {
        EngineEnvironment e = current;
        if (e == null) {
            synchronized (EngineEnvironment.class) {
                if (current == null) {
                    Map<String, String> properties = new HashMap<>();
                    System.getProperties().forEach((k, v) -> properties.put(k.toString(), v.toString()));
                    current = of(System.getenv(), properties);
                }
                e = current;
            }
        }
        return e;
    }

    /**
     * The settings given by these environment variables and system properties.
     *
     * @throws IllegalArgumentException naming the variable or property, its value and what was expected
     */
    public static EngineEnvironment of(Map<String, String> variables, Map<String, String> properties) {
        Function<String[], Setting> lookup = names -> {
            for (String name : names) {
                Map<String, String> source = name.equals(name.toUpperCase(Locale.ROOT)) ? variables : properties;
                String value = source.get(name);
                if (value != null && !value.isBlank()) {
                    return new Setting(name, value.trim());
                }
            }
            return null;
        };
        Setting device = lookup.apply(new String[] {"advmusic.device", DEVICE_VARIABLE});
        String deviceName = null;
        if (device != null) {
            deviceName = device.value().toLowerCase(Locale.ROOT);
            if (!DEVICES.contains(deviceName)) {
                throw device.invalid("one of " + String.join(", ", DEVICES));
            }
        }
        BackendOptions d = BackendOptions.defaults();
        int threads = wholeNumber(lookup.apply(new String[] {"advmusic.threads", THREADS_VARIABLE}), d.threads(), 1,
                "a whole number of threads >= 1");
        String cpuGemm = choice(lookup.apply(new String[] {"advmusic.cpu.gemm"}), d.cpuGemm(),
                BackendOptions.CPU_GEMM_KERNELS);
        boolean winograd = bool(lookup.apply(new String[] {"advmusic.cpu.winograd"}), d.winograd());
        int cudaDevice = wholeNumber(lookup.apply(new String[] {"advmusic.cuda.device"}), d.cudaDevice(), 0,
                "a GPU number >= 0");
        String cudaGemm = choice(lookup.apply(new String[] {"advmusic.cuda.gemm"}), d.cudaGemm(),
                BackendOptions.CUDA_GEMM_KERNELS);
        boolean synchronous = bool(lookup.apply(new String[] {"advmusic.cuda.synchronous"}), d.cudaSynchronous());
        return new EngineEnvironment(deviceName,
                new BackendOptions(threads, cpuGemm, winograd, cudaDevice, cudaGemm, synchronous));
    }

    /** {@link #device}, or {@code fallback} when none is set. */
    public String deviceOr(String fallback) {
        return device != null ? device : fallback;
    }

    /** One setting found, with the name it was found under. */
    private record Setting(String name, String value) {
        IllegalArgumentException invalid(String expected) {
            String kind = name.equals(name.toUpperCase(Locale.ROOT)) ? "environment variable " : "system property ";
            return new IllegalArgumentException(kind + name + " is '" + value + "', expected " + expected);
        }
    }

    private static int wholeNumber(Setting s, int fallback, int minimum, String expected) {
        if (s == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(s.value());
            if (n >= minimum) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw s.invalid(expected);
    }

    private static String choice(Setting s, String fallback, List<String> allowed) {
        if (s == null) {
            return fallback;
        }
        String v = s.value().toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw s.invalid("one of " + String.join(", ", allowed));
        }
        return v;
    }

    private static boolean bool(Setting s, boolean fallback) {
        if (s == null) {
            return fallback;
        }
        return switch (s.value().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw s.invalid("true or false");
        };
    }
}
