package org.advmusic.experiments.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * prepared once, every stage runs per model in {@code <run>/<model>/} (a complete run folder with
 * its own report), and the seeds' Tables 1-6 put the models side by side in {@code <run>/tables/}
 * and {@code <run>/report.html}.
 */
final class StudyRunner {
    /** One model of the study with its resolved config. */
    record Member(String name, ExperimentConfig config, ObjectNode tree) {
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

    /** Runs the study; returns its report. */
    static Path run(RunOptions.Context study, ConfigLoader.Resolved tree) {
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
        Map<String, RunMetrics> results = new LinkedHashMap<>();
        for (Member member : members) {
            System.out.printf("study: model %s (%d of %d)%n", member.name(), results.size() + 1, members.size());
            RunOptions.Context c = RunOptions.subRun(study, member.config(), member.tree(),
                    study.run().root().resolve(member.name()));
            c.run().record(m -> m.withData(prepared.info()));
            TrainingStage.Trained baseline = Pipeline.trainBaseline(c, data, false);
            Pipeline.attacks(c, data, baseline);
            Pipeline.defenses(c, data, baseline);
            Pipeline.gradcam(c, data, baseline);
            Pipeline.report(c);
            results.put(member.name(), c.run().metrics());
        }
        ExperimentConfig.StudyConfig s = study.config().study();
        double table5 = s.table5Epsilon() != null ? s.table5Epsilon()
                : Arrays.stream(study.config().defenses().evaluationEpsilons()).max().orElseThrow();
        study.run().recordRun(study.run().metrics().run().ended(study.seconds(), null));
        try {
            return StudyReport.write(study.run().root(), results, table5);
        } catch (IOException e) {
            throw new UncheckedIOException("the study's tables cannot be written: " + e.getMessage(), e);
        }
    }
}
