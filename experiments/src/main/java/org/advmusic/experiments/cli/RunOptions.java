package org.advmusic.experiments.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.advmusic.engine.Backend;
import org.advmusic.experiments.config.ConfigLoader;
import org.advmusic.experiments.config.ExperimentConfig;
import org.advmusic.experiments.pipeline.RunDirectory;
import picocli.CommandLine.Option;

/** The options every experiment command shares; flags override fields of the config file. */
public final class RunOptions {

    @Option(names = "--config", paramLabel = "FILE|NAME",
            description = "a JSON config file, or a built-in config: demo, gtzan-cnn, gtzan-features-mlp, msd-mlp, irmas-cnn")
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

    /** The resolved config tree: the file (or {@code defaultConfig}), then --set, then the named flags. */
    ObjectNode resolveTree(String defaultConfig) {
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
        return ConfigLoader.resolveTree(config != null ? config : defaultConfig, all);
    }

    /** Everything a command needs to run: the config, its tree, the backend and the run folder. */
    record Context(ExperimentConfig config, Backend backend, RunDirectory run) {
    }

    /** Resolves the config, starts the backend with the requested threads and opens the run folder. */
    Context open(String defaultConfig, String command) {
        ObjectNode tree = resolveTree(defaultConfig);
        ExperimentConfig config = ConfigLoader.bind(tree);
        Backend backend = BackendChoice.open(device, threads, config.device(), config.threads());
        Path folder = out != null ? out : Path.of(config.output(), config.name());
        RunDirectory run = RunDirectory.open(folder);
        run.writeJson("config.json", tree);
        ObjectNode section = run.section("run");
        section.put("name", config.name());
        section.put("command", command);
        section.put("started", java.time.Instant.now().toString());
        section.put("device", backend.name());
        section.put("dtype", backend.dtype().name());
        section.put("threads", BackendChoice.threads(backend));
        section.put("seed", config.seed());
        section.put("java", System.getProperty("java.version"));
        section.put("version", "0.1.0");
        System.out.printf("advmusic %s: run %s on %s (%s), results in %s%n", command, config.name(), backend.name(),
                backend.dtype(), folder);
        return new Context(config, backend, run);
    }
}
