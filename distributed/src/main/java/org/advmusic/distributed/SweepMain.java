package org.advmusic.distributed;

import org.advmusic.experiments.cli.Commands;
import picocli.CommandLine.Command;

/**
 * The sweep jar's entry point: {@code sweep} plus every command of the main jar (e.g. {@code report}).
 * Run with {@code java --add-modules jdk.incubator.vector -jar distributed/target/advmusic-sweep.jar sweep ...}
 * or {@code spark-submit --class org.advmusic.distributed.SweepMain advmusic-sweep.jar sweep ...}.
 */
@Command(name = "advmusic-sweep", mixinStandardHelpOptions = true,
        description = "advmusic robustness sweeps on Apache Spark, and the advmusic commands.")
public final class SweepMain {

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(Commands.commandLine(new SweepMain()).addSubcommand(new SweepCommand())
                .addSubcommand(new SweepBench()).execute(args));
    }
}
