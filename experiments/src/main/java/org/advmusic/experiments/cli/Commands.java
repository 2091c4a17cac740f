package org.advmusic.experiments.cli;

import org.advmusic.experiments.config.ConfigException;
import picocli.CommandLine;

/** Builds the command line with every subcommand and a readable handler for bad input. */
public final class Commands {
    private Commands() {
    }

    /** The command line rooted at {@code main}. */
    public static CommandLine commandLine(Object main) {
        CommandLine line = new CommandLine(main)
                .addSubcommand(new DemoCommand())
                .addSubcommand(new DataCommand())
                .addSubcommand(new TrainCommand())
                .addSubcommand(new ImportCommand())
                .addSubcommand(new AttackCommand())
                .addSubcommand(new DefendCommand())
                .addSubcommand(new GradcamCommand())
                .addSubcommand(new ReportCommand())
                .addSubcommand(new BenchCommand());
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            // configuration and input errors are the user's to fix: one clear line, no stack trace
            if (e instanceof ConfigException || e instanceof IllegalArgumentException || e instanceof IllegalStateException
                    || e instanceof java.io.UncheckedIOException) {
                cmd.getErr().println("error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return line;
    }
}
