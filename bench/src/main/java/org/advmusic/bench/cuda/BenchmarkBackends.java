package org.advmusic.bench.cuda;

import java.util.List;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Backends;

/** Looking up the backend a benchmark is parameterised by. */
final class BenchmarkBackends {
    private BenchmarkBackends() {
    }

    /**
     * The named backend, or an exception saying why it cannot run here (JMH reports it and goes on
     * with the next parameter set).
     */
    static Backend named(String name) {
        return Backends.get(name);
    }

    /** The names of the backends that can run here, except the float64 reference. */
    static List<String> available() {
        return Backends.all().stream()
                .filter(b -> b.autoPriority() >= 0 && b.unavailableReason().isEmpty())
                .map(Backend::name)
                .toList();
    }
}
