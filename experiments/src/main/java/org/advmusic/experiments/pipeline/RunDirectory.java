package org.advmusic.experiments.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.advmusic.experiments.results.Checklist;
import org.advmusic.experiments.results.ModelMetrics;
import org.advmusic.experiments.results.ResultsJson;
import org.advmusic.experiments.results.RunMetrics;

/**
 * The folder of one run ({@code results/<name>/}, layout in experiments/RESULTS.md) and its typed
 * results. Stages return result records; the command records them here, and every record writes
 * the resolved {@code config.json} together with {@code metrics.json} (each atomically), so the
 * config on disk always describes the results beside it.
 *
 * <p>Results never mix checkpoints: every section carries the hash of the weights it came from,
 * and recording a baseline of other weights removes (with a notice) every result of the old ones.
 */
public final class RunDirectory {
    /** The name of the undefended model every stage evaluates. */
    public static final String BASELINE = "baseline";

    private final Path root;
    private final JsonNode config;
    private RunMetrics metrics;

    private RunDirectory(Path root, JsonNode config, RunMetrics metrics) {
        this.root = root;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * Opens (creating it if needed) a run folder, keeping the results of earlier commands.
     *
     * @param config the resolved config of this command, written with the first result it records
     */
    public static RunDirectory open(Path root, JsonNode config) {
        try {
            Files.createDirectories(root);
            Path file = root.resolve("metrics.json");
            RunMetrics metrics = Files.isRegularFile(file) ? RunMetrics.read(file) : RunMetrics.empty();
            return new RunDirectory(root, config, metrics);
        } catch (IOException e) {
            throw new UncheckedIOException("run folder " + root + " cannot be opened: " + e.getMessage(), e);
        }
    }

    /** The folder. */
    public Path root() {
        return root;
    }

    /** A path inside the folder, its parent folders created. */
    public Path file(String relative) {
        Path p = root.resolve(relative);
        try {
            Files.createDirectories(p.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + p.getParent(), e);
        }
        return p;
    }

    /** The checkpoint folder of a model. */
    public Path checkpoint(String model) {
        return file("checkpoints/" + model + "/model.json").getParent();
    }

    /** The results recorded so far. */
    public RunMetrics metrics() {
        return metrics;
    }

    /** Records the state of the command running (or ended): {@code metrics.json} only, the config is left as it was. */
    public void recordRun(RunMetrics.RunInfo run) {
        metrics = metrics.withRun(run);
        metrics.write(root.resolve("metrics.json"));
    }

    /**
     * Records results: applies {@code change}, removes results of other weights than the baseline's
     * (printing what was removed), then writes {@code config.json} and {@code metrics.json}.
     */
    public void record(UnaryOperator<RunMetrics> change) {
        metrics = withoutStaleResults(change.apply(metrics));
        ResultsJson.write(root.resolve("config.json"), config);
        metrics.write(root.resolve("metrics.json"));
    }

    /**
     * Records a newly trained baseline: the results of the previous baseline's weights (attacks,
     * checklists, defenses, Grad-CAM, audio, defended models) are removed with a notice.
     */
    public void recordBaseline(ModelMetrics baseline) {
        record(m -> {
            ModelMetrics previous = m.model(BASELINE);
            if (previous != null && previous.checkpoint() != null && previous.checkpoint().equals(baseline.checkpoint())) {
                return m.withModel(baseline);
            }
            List<String> removed = sections(m);
            if (!removed.isEmpty()) {
                System.out.println("notice: a new baseline (weights " + baseline.checkpoint() + ") replaces "
                        + (previous == null ? "an unrecorded one" : "weights " + previous.checkpoint()) + "; removed the old "
                        + String.join(", ", removed) + " from " + root.resolve("metrics.json"));
            }
            return new RunMetrics(m.run(), m.data(), List.of(baseline), null, List.of(), null, null, List.of(), null);
        });
    }

    /** The sections (other than run, data and the baseline) that hold results. */
    private static List<String> sections(RunMetrics m) {
        List<String> names = new ArrayList<>();
        m.models().stream().filter(model -> !model.name().equals(BASELINE)).forEach(model -> names.add("model " + model.name()));
        if (m.robustness() != null) {
            names.add("robustness");
        }
        if (!m.checklists().isEmpty()) {
            names.add("checklists");
        }
        if (m.defenses() != null) {
            names.add("defenses");
        }
        if (m.gradcam() != null) {
            names.add("gradcam");
        }
        if (!m.audio().isEmpty()) {
            names.add("audio");
        }
        return names;
    }

    /** {@code m} without sections whose checkpoint is not the one they claim to describe. */
    static RunMetrics withoutStaleResults(RunMetrics m) {
        ModelMetrics baseline = m.model(BASELINE);
        String hash = baseline == null ? null : baseline.checkpoint();
        List<String> removed = new ArrayList<>();
        RunMetrics out = m;
        if (m.robustness() != null && stale(m.robustness().checkpoint(), hash)) {
            removed.add("robustness");
            out = out.withRobustness(null);
        }
        if (m.defenses() != null && stale(m.defenses().checkpoint(), hash)) {
            removed.add("defenses");
            out = out.withDefenses(null);
        }
        if (m.gradcam() != null && stale(m.gradcam().checkpoint(), hash)) {
            removed.add("gradcam");
            out = out.withGradcam(null);
        }
        if (m.audio().stream().anyMatch(a -> stale(a.checkpoint(), hash))) {
            removed.add("audio");
            out = out.withAudio(List.of(), null);
        }
        List<Checklist> kept = new ArrayList<>();
        for (Checklist c : m.checklists()) {
            ModelMetrics own = m.model(c.model());
            if (stale(c.checkpoint(), own != null ? own.checkpoint() : hash)) {
                removed.add("checklist of " + c.model());
            } else {
                kept.add(c);
            }
        }
        if (kept.size() != m.checklists().size()) {
            out = new RunMetrics(out.run(), out.data(), out.models(), out.robustness(), kept, out.defenses(), out.gradcam(),
                    out.audio(), out.audioBudgets());
        }
        if (!removed.isEmpty()) {
            System.out.println("notice: removed results of other weights than the recorded models' ("
                    + String.join(", ", removed) + ")");
        }
        return out;
    }

    private static boolean stale(String checkpoint, String expected) {
        return checkpoint == null || !checkpoint.equals(expected);
    }
}
