package org.advmusic.experiments.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Re-renders the figures, tables and HTML report of an existing run folder. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Render figures, CSV tables and report.html of a run folder from its metrics.json and tensors.")
final class ReportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN", description = "the run folder, e.g. results/demo")
    Path run;

    @Override
    public Integer call() {
        System.out.printf("report: %s%n", Pipeline.report(run));
        return 0;
    }
}
