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
 * {@link Backend#autoPriority()}, so CUDA when a device and driver are present, else the CPU).
 *
 * <p>The default device comes from, in order: the system property {@code advmusic.device}, the
 * environment variable {@code ADVMUSIC_DEVICE}, else {@code auto}. It is resolved once; code that
 * needs another backend passes it explicitly. Backends are never switched silently: asking for an
 * unavailable backend by name is an error that says why it cannot load.
 */
public final class Backends {
    /** System property naming the default device. */
    public static final String DEVICE_PROPERTY = "advmusic.device";
    /** Environment variable naming the default device. */
    public static final String DEVICE_ENVIRONMENT = "ADVMUSIC_DEVICE";

    private static final Map<String, Backend> BY_NAME = new ConcurrentHashMap<>();
    private static volatile List<Backend> all;
    private static volatile Backend defaultBackend;
    private static volatile boolean fallbackNoticeShown;

    private Backends() {
    }

    /** Every backend on the class path, available or not, highest priority first. */
    public static synchronized List<Backend> all() {
        if (all == null) {
            List<Backend> found = new ArrayList<>();
            for (Backend b : ServiceLoader.load(Backend.class, Backends.class.getClassLoader())) {
                found.add(b);
                BY_NAME.put(b.name(), b);
            }
            found.sort(Comparator.comparingInt(Backend::autoPriority).reversed());
            all = List.copyOf(found);
        }
        return all;
    }

    /**
     * The backend with this name ({@code reference}, {@code cpu}, {@code cuda}) or {@code auto}.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     * @throws IllegalStateException when the named backend cannot run here, with the reason
     */
    public static Backend get(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        if (key.equals("auto")) {
            return auto();
        }
        all();
        Backend b = BY_NAME.get(key);
        if (b == null) {
            throw new IllegalArgumentException("unknown device '" + name + "'; expected one of auto, "
                    + String.join(", ", all().stream().map(Backend::name).toList()));
        }
        Optional<String> reason = b.unavailableReason();
        if (reason.isPresent()) {
            throw new IllegalStateException("device '" + key + "' was requested but cannot be used: " + reason.get());
        }
        return b;
    }

    /** The default backend (see the class comment); resolved on first use. */
    public static Backend defaultBackend() {
        Backend b = defaultBackend;
        if (b == null) {
            synchronized (Backends.class) {
                if (defaultBackend == null) {
                    String spec = System.getProperty(DEVICE_PROPERTY);
                    if (spec == null || spec.isBlank()) {
                        spec = System.getenv(DEVICE_ENVIRONMENT);
                    }
                    defaultBackend = get(spec == null || spec.isBlank() ? "auto" : spec);
                }
                b = defaultBackend;
            }
        }
        return b;
    }

    /** The reference (float64) backend, the oracle of gradient checks and parity tests. */
    public static Backend reference() {
        return get("reference");
    }

    private static Backend auto() {
        StringBuilder skipped = new StringBuilder();
        for (Backend b : all()) {
            if (b.autoPriority() < 0) {
                continue; // never chosen automatically (the reference backend)
            }
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
