package org.advmusic.experiments.cli;

import org.advmusic.engine.Backend;
import org.advmusic.engine.BackendOptions;
import org.advmusic.engine.Backends;
import org.advmusic.engine.EngineEnvironment;

/**
 * Which backend a command runs on. The device: {@code --device}, else {@code ADVMUSIC_DEVICE}, else the
 * config's {@code device} (default {@code auto}); the CPU threads: {@code --threads}, else
 * {@code ADVMUSIC_THREADS}, else the config's {@code threads} (0: all cores). The other backend
 * settings come from the start-up system properties ({@link EngineEnvironment}).
 */
public final class BackendChoice {
    private BackendChoice() {
    }

    /**
     * @param deviceFlag    the {@code --device} value, or null when not given
     * @param threadsFlag   the {@code --threads} value, or null when not given
     * @param configDevice  the device of the config (used when neither the flag nor the environment names one)
     * @param configThreads the thread count of the config (likewise; 0 for all cores)
     */
    public static Backend open(String deviceFlag, Integer threadsFlag, String configDevice, int configThreads) {
        return open(EngineEnvironment.current(), deviceFlag, threadsFlag, configDevice, configThreads);
    }

    /** {@link #open(String, Integer, String, int)} in the given environment. */
    static Backend open(EngineEnvironment environment, String deviceFlag, Integer threadsFlag, String configDevice,
                        int configThreads) {
        String device = deviceFlag != null ? deviceFlag : environment.deviceOr(configDevice);
        BackendOptions options = environment.options();
        if (threadsFlag != null) {
            options = options.withThreads(threadsFlag);
        } else if (options.threads() == 0) {
            options = options.withThreads(configThreads);
        }
        return Backends.get(device, options);
    }

    /** The number of CPU threads {@code backend} runs on, for run records and reports. */
    public static int threads(Backend backend) {
        return backend instanceof org.advmusic.engine.backend.cpu.CpuBackend cpu ? cpu.threads() : 1;
    }
}
