package org.advmusic.experiments.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.advmusic.engine.Backend;
import org.advmusic.experiments.config.ConfigLoader;
import org.advmusic.experiments.config.ExperimentConfig;
import org.advmusic.experiments.pipeline.RunDirectory;
import org.advmusic.experiments.results.RunMetrics;
import picocli.CommandLine.Option;

/** The options every experiment command shares; flags override fields of the config file. */
public final class RunOptions {

    @Option(names = "--config", paramLabel = "FILE|NAME",
            description = "a JSON config file, or a built-in config: demo, gtzan-cnn, gtzan-features-mlp, msd-mlp, irmas-cnn, "
                    + "instruments-demo, irmas-svc")
    String config;

    @Option(names = "--set", paramLabel = "FIELD=VALUE",
            description = "override one config field, e.g. --set training.epochs=3 (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--device", paramLabel = "DEVICE", description = "cpu, cuda, reference or auto")
    String device;

    @Option(names = "--threads", paramLabel = "N", description = "CPU threads (0: all cores)")
    Integer threads;

    @Option(names = "--seed", paramLabel = "SEED", description = "the master seed")
    Long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "the run folder (default: <output>/<name> of the config)")
    Path out;

    /** The --out folder, or null for the config's default. */
    public Path out() {
        return out;
    }

    /** The resolved config: the file (or {@code defaultConfig}), then --set, then the named flags. */
    public ConfigLoader.Resolved resolve(String defaultConfig) {
        List<String> all = new ArrayList<>(overrides);
        if (device != null) {
            all.add("device=" + device);
        }
        if (threads != null) {
            all.add("threads=" + threads);
        }
        if (seed != null) {
            all.add("seed=" + seed);
        }
        return ConfigLoader.resolve(config != null ? config : defaultConfig, all);
    }

    /**
     * Everything a command needs to run: the config, the backend and the run folder.
     *
     * @param startNanos when the command started
     */
    record Context(ExperimentConfig config, Backend backend, RunDirectory run, String command, long startNanos) {
        /** Seconds since the command started. */
        double seconds() {
            return (System.nanoTime() - startNanos) / 1e9;
        }
    }

    /**
     * Runs a command in its run folder: resolves the config, starts the backend, records the command
     * as running, runs {@code body}, and records it as completed, or as failed with the error (which
     * is then rethrown).
     */
    int execute(String defaultConfig, String command, java.util.function.Consumer<Context> body) {
        Context context = open(defaultConfig, command);
        try {
            body.accept(context);
        } catch (RuntimeException e) {
            context.run().recordRun(context.run().metrics().run().ended(context.seconds(), String.valueOf(e.getMessage())));
            throw e;
        }
        return 0;
    }

    /** A model's own run folder inside a study's, on the study's backend, recorded as running. */
    static Context subRun(Context study, ExperimentConfig config, com.fasterxml.jackson.databind.node.ObjectNode tree,
                          Path folder) {
        RunDirectory run = RunDirectory.open(folder, tree);
        Backend backend = study.backend();
        run.recordRun(new RunMetrics.RunInfo(config.name(), study.command(), java.time.Instant.now().toString(), Double.NaN,
                backend.name(), backend.dtype().name(), (long) BackendChoice.threads(backend), config.seed(),
                System.getProperty("java.version"), "0.1.0", RunMetrics.RunInfo.RUNNING, null));
        return new Context(config, backend, run, study.command(), System.nanoTime());
    }

    /** Resolves the config, starts the backend with the requested threads and opens the run folder. */
    private Context open(String defaultConfig, String command) {
        long start = System.nanoTime();
        ConfigLoader.Resolved resolved = resolve(defaultConfig);
        ExperimentConfig config = ConfigLoader.bind(resolved);
        Backend backend = BackendChoice.open(device, threads, config.device(), config.threads());
        Path folder = out != null ? out : Path.of(config.output(), config.name());
        RunDirectory run = RunDirectory.open(folder, resolved.tree());
        run.recordRun(new RunMetrics.RunInfo(config.name(), command, java.time.Instant.now().toString(), Double.NaN,
                backend.name(), backend.dtype().name(), (long) BackendChoice.threads(backend), config.seed(), System.getProperty("java.version"), "0.1.0",
                RunMetrics.RunInfo.RUNNING, null));
        System.out.printf("advmusic %s: run %s on %s (%s), results in %s%n", command, config.name(), backend.name(),
                backend.dtype(), folder);
        return new Context(config, backend, run, command, start);
    }
}
