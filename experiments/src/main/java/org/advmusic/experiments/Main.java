package org.advmusic.experiments;

import org.advmusic.experiments.cli.Commands;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code advmusic.jar}: dispatches to the subcommands. */
@Command(name = "advmusic", mixinStandardHelpOptions = true, version = "advmusic 0.1.0",
        description = "Adversarial attacks and defenses on music classifiers, on a pure-Java engine.",
        subcommands = {EngineExampleCommand.class})
public final class Main {

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(Commands.commandLine(new Main()).execute(args));
    }
}
