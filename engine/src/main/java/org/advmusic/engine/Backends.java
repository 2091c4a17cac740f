package org.advmusic.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds backends through {@link ServiceLoader} and chooses one by name: {@code reference},
 * {@code cpu}, {@code cuda} or {@code auto} (the available backend with the highest
 * {@link Backend#autoPriority()}, so CUDA when a device and driver are present, else the CPU), set up
 * by a {@link BackendOptions} value. One instance is kept per name and options, so asking twice gives
 * the same backend (tensors of two instances never mix).
 *
 * <p>The default device and options come from {@link EngineEnvironment#current()} ({@code ADVMUSIC_DEVICE},
 * {@code ADVMUSIC_THREADS} and the start-up system properties), else {@code auto} and the defaults. Code
 * that needs another backend passes it explicitly. Backends are never switched silently: asking for an
 * unavailable backend by name is an error that says why it cannot load.
 */
public final class Backends {
    private static final Map<String, Backend> PROTOTYPES = new ConcurrentHashMap<>();
    private static final Map<List<Object>, Backend> CONFIGURED = new ConcurrentHashMap<>();
    private static volatile List<Backend> all;
    private static volatile boolean fallbackNoticeShown;

    private Backends() {
    }

    /** Every backend on the class path (as found, with default options), available or not, highest priority first. */
    public static synchronized List<Backend> all() {
        if (all == null) {
            List<Backend> found = new ArrayList<>();
            for (Backend b : ServiceLoader.load(Backend.class, Backends.class.getClassLoader())) {
                found.add(b);
                PROTOTYPES.put(b.name(), b);
            }
            found.sort(Comparator.comparingInt(Backend::autoPriority).reversed());
            all = List.copyOf(found);
        }
        return all;
    }

    /** {@link #get(String, BackendOptions)} with the options of {@link EngineEnvironment#current()}. */
    public static Backend get(String name) {
        return get(name, EngineEnvironment.current().options());
    }

    /**
     * The backend with this name ({@code reference}, {@code cpu}, {@code cuda}) or {@code auto}, set up by
     * {@code options}.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     * @throws IllegalStateException when the named backend cannot run here, with the reason
     */
    public static Backend get(String name, BackendOptions options) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        if (key.equals("auto")) {
            return auto(options);
        }
        all();
        if (!PROTOTYPES.containsKey(key)) {
            throw new IllegalArgumentException("unknown device '" + name + "'; expected one of auto, "
                    + String.join(", ", all().stream().map(Backend::name).toList()));
        }
        Backend b = configured(key, options);
        Optional<String> reason = b.unavailableReason();
        if (reason.isPresent()) {
            throw new IllegalStateException("device '" + key + "' was requested but cannot be used: " + reason.get());
        }
        return b;
    }

    /** The default backend: the device and options of {@link EngineEnvironment#current()}, else {@code auto}. */
    public static Backend defaultBackend() {
        EngineEnvironment environment = EngineEnvironment.current();
        return get(environment.deviceOr("auto"), environment.options());
    }

    /** The reference (float64) backend, the oracle of gradient checks and parity tests. */
    public static Backend reference() {
        return get("reference", BackendOptions.defaults());
    }

    private static Backend configured(String name, BackendOptions options) {
        return CONFIGURED.computeIfAbsent(List.of(name, options), k -> PROTOTYPES.get(name).withOptions(options));
    }

    private static Backend auto(BackendOptions options) {
        StringBuilder skipped = new StringBuilder();
        for (Backend prototype : all()) {
            if (prototype.autoPriority() < 0) {
                continue; // never chosen automatically (the reference backend)
            }
            Backend b = configured(prototype.name(), options);
            Optional<String> reason = b.unavailableReason();
            if (reason.isEmpty()) {
                if (!skipped.isEmpty() && !fallbackNoticeShown) {
                    fallbackNoticeShown = true;
                    System.err.println("advmusic: using the " + b.name() + " backend (" + skipped + ")");
                }
                return b;
            }
            if (!skipped.isEmpty()) {
                skipped.append("; ");
            }
            skipped.append(b.name()).append(" unavailable: ").append(reason.get());
        }
        throw new IllegalStateException("no backend is available: " + skipped);
    }
}
