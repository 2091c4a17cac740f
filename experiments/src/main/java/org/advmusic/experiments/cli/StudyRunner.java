package org.advmusic.experiments.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.advmusic.experiments.config.ConfigException;
import org.advmusic.experiments.config.ConfigLoader;
import org.advmusic.experiments.config.ExperimentConfig;
import org.advmusic.experiments.pipeline.AttackFactory;
import org.advmusic.experiments.pipeline.DataStage;
import org.advmusic.experiments.pipeline.PreparedData;
import org.advmusic.experiments.pipeline.TrainingStage;
import org.advmusic.experiments.report.StudyReport;
import org.advmusic.experiments.results.RunMetrics;

/**
 * Several models in one run ({@code study} in the config): every model is resolved and checked
 * first (names, architectures, budgets, pretrained files: errors before any training), the data are
 * prepared once, a command's stages run per model in {@code <run>/<model>/} (a complete run folder
 * with its own report), and the seeds' Tables 1-6 put the models side by side in
 * {@code <run>/tables/} and {@code <run>/report.html}.
 */
final class StudyRunner {
    /** One model of the study with its resolved config. */
    record Member(String name, ExperimentConfig config, ObjectNode tree) {
    }

    /** What a command does to one model of the study, in that model's own run folder. */
    @FunctionalInterface
    interface ModelStages {
        void run(RunOptions.Context model, PreparedData data);
    }

    private StudyRunner() {
    }

    /**
     * Every model's config: the study's with the model's overrides, checked.
     *
     * @throws ConfigException naming the model when its overrides are invalid or it needs other data
     */
    static List<Member> members(ConfigLoader.Resolved tree, ExperimentConfig study) {
        List<Member> members = new ArrayList<>();
        for (ExperimentConfig.StudyModel model : study.study().models()) {
            ConfigLoader.Resolved own;
            ExperimentConfig config;
            try {
                own = ConfigLoader.withOverrides(tree, model.set());
                own.tree().putNull("study");
                config = ConfigLoader.bind(own);
            } catch (ConfigException e) {
                throw new ConfigException("study model '" + model.name() + "': " + e.getMessage());
            }
            if (!config.data().equals(study.data())
                    || config.model().architecture().equals("Mlp") != study.model().architecture().equals("Mlp")) {
                throw new ConfigException("study model '" + model.name() + "' changes the data (data.* or a tabular Mlp beside"
                        + " spectrogram models); the models of a study share one prepared data set");
            }
            members.add(new Member(model.name(), config, own.tree()));
        }
        return members;
    }

    /**
     * Runs a command on every model of the study: checks every model, prepares the data once, runs
     * {@code stages} per model in its own folder and renders its report, then refreshes the study's
     * tables and report from every model's results.
     *
     * @return the study's report
     */
    static Path run(RunOptions.Context study, ConfigLoader.Resolved tree, ModelStages stages) {
        return run(study, tree, null, stages);
    }

    /**
     * {@link #run(RunOptions.Context, ConfigLoader.Resolved, ModelStages)} on some models only.
     *
     * @param only the names of the models to run, or null for all
     */
    static Path run(RunOptions.Context study, ConfigLoader.Resolved tree, List<String> only, ModelStages stages) {
        List<Member> members = members(tree, study.config());
        DataStage.Prepared prepared = DataStage.prepare(study.config().data(), study.config().model(), study.backend());
        PreparedData data = prepared.data();
        study.run().record(m -> m.withData(prepared.info()));
        for (Member member : members) { // budgets and pretrained files, before any training
            AttackFactory.of(member.config(), data);
            if (member.config().model().pretrained() != null) {
                TrainingStage.build(member.config().model(), data, study.backend(), member.config().seed());
            }
        }
        List<Member> selected = members.stream().filter(m -> only == null || only.contains(m.name())).toList();
        for (int k = 0; k < selected.size(); k++) {
            Member member = selected.get(k);
            System.out.printf("study: model %s (%d of %d)%n", member.name(), k + 1, selected.size());
            RunOptions.Context c = RunOptions.subRun(study, member.config(), member.tree(),
                    study.run().root().resolve(member.name()));
            c.run().record(m -> m.withData(prepared.info()));
            try {
                stages.run(c, data);
            } catch (RuntimeException e) {
                c.run().recordRun(c.run().metrics().run().ended(c.seconds(), String.valueOf(e.getMessage())));
                throw e;
            }
            Pipeline.report(c);
        }
        study.run().recordRun(study.run().metrics().run().ended(study.seconds(), null));
        return tables(study.run().root(), study.config());
    }

    /**
     * The study config recorded in a run folder's {@code config.json}, or null when the folder is
     * not a study's (no config, a config that is not JSON, or no {@code study} in it).
     *
     * @throws ConfigException when the recorded study config is invalid
     */
    static ExperimentConfig recorded(Path folder) {
        Path file = folder.resolve("config.json");
        JsonNode study;
        try {
            study = Files.isRegularFile(file) ? new ObjectMapper().readTree(file.toFile()).path("study") : null;
        } catch (IOException e) {
            return null; // not a study's folder; the run's report names the bad config
        }
        if (study == null || !study.isObject()) {
            return null;
        }
        ExperimentConfig config = ConfigLoader.load(file.toString(), List.of());
        return config.study() == null ? null : config;
    }

    /**
     * Re-renders a study folder from its results alone: every model's report, then the study's
     * tables and report.
     *
     * @return the study's report
     */
    static Path report(Path root, ExperimentConfig study) {
        for (ExperimentConfig.StudyModel model : study.study().models()) {
            Path folder = root.resolve(model.name());
            if (Files.isRegularFile(folder.resolve("metrics.json"))) {
                System.out.printf("report: %s%n", Pipeline.report(folder));
            }
        }
        return tables(root, study);
    }

    /**
     * Writes the study's tables and report from the results in every model's folder; a model
     * without results (no {@code metrics.json}: not run yet) is named and left out.
     */
    private static Path tables(Path root, ExperimentConfig study) {
        Map<String, RunMetrics> results = new LinkedHashMap<>();
        for (ExperimentConfig.StudyModel model : study.study().models()) {
            Path metrics = root.resolve(model.name()).resolve("metrics.json");
            if (!Files.isRegularFile(metrics)) {
                System.out.printf("study: model %s has no results (no %s); left out of the tables%n", model.name(), metrics);
                continue;
            }
            try {
                results.put(model.name(), RunMetrics.read(metrics));
            } catch (IOException e) {
                throw new UncheckedIOException("study model " + model.name() + ": " + e.getMessage(), e);
            }
        }
        ExperimentConfig.StudyConfig s = study.study();
        double table5 = s.table5Epsilon() != null ? s.table5Epsilon()
                : Arrays.stream(study.defenses().evaluationEpsilons()).max().orElseThrow();
        try {
            return StudyReport.write(root, results, table5);
        } catch (IOException e) {
            throw new UncheckedIOException("the study's tables cannot be written: " + e.getMessage(), e);
        }
    }
}
