package org.advmusic.experiments.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.advmusic.experiments.config.ExperimentConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Re-renders the figures, tables and HTML report of an existing run folder; of a study's folder,
 * every model's report and the study's tables and report.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Render figures, CSV tables and report.html of a run folder from its metrics.json and tensors.",
            "A study's folder (study.models in its config.json): every model's report, then the study's tables",
            "(tables/table1..6) and report.html."})
final class ReportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN", description = "the run folder, e.g. results/demo")
    Path run;

    @Override
    public Integer call() {
        ExperimentConfig study = StudyRunner.recorded(run);
        System.out.printf("report: %s%n", study != null ? StudyRunner.report(run, study) : Pipeline.report(run));
        return 0;
    }
}
