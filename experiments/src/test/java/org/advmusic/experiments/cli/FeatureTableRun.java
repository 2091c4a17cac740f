package org.advmusic.experiments.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.advmusic.experiments.Main;
import picocli.CommandLine;

/**
 * Commands run as a user would, on a small GTZAN-style feature table (fast: an MLP on a few rows),
 * with what they print captured.
 */
final class FeatureTableRun {
    private FeatureTableRun() {
    }

    /** What a command left: its exit status and what it printed. */
    record Outcome(int status, String out, String err) {
    }

    /**
     * Writes {@code features_30_sec.csv}: {@code tracks[k]} tracks of class k (names "a", "b", ...),
     * four features whose means depend on the class.
     */
    static Path table(Path folder, int... tracks) throws IOException {
        Files.createDirectories(folder);
        List<String> lines = new ArrayList<>(List.of("filename,length,f1,f2,f3,f4,label"));
        SplittableRandom random = new SplittableRandom(5);
        for (int k = 0; k < tracks.length; k++) {
            String label = String.valueOf((char) ('a' + k));
            for (int t = 0; t < tracks[k]; t++) {
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%s.%05d.wav,661794", label, t));
                for (int f = 0; f < 4; f++) {
                    row.append(String.format(Locale.ROOT, ",%.4f", (f == k % 4 ? 3.0 : 0.0) + random.nextGaussian()));
                }
                lines.add(row.append(',').append(label).toString());
            }
        }
        Path csv = folder.resolve("features_30_sec.csv");
        Files.write(csv, lines);
        return csv;
    }

    /** The overrides of a quick run on {@code csv}: an MLP, two epochs, small attacks, no defenses, no Grad-CAM. */
    static List<String> quick(Path csv) {
        return List.of("--device", "cpu", "--set", "data.source=gtzan-features", "--set", "data.path=" + csv,
                "--set", "model.architecture=Mlp", "--set", "model.hidden=[8]", "--set", "training.epochs=2",
                "--set", "training.batch_size=4", "--set", "training.early_stopping_patience=0",
                "--set", "attacks.samples=6", "--set", "attacks.fmn_steps=0", "--set", "attacks.genetic_queries=0",
                "--set", "attacks.checklist=false", "--set", "attacks.examples=0", "--set", "attacks.epsilons=[0,0.01,0.1]",
                "--set", "defenses.evaluation_epsilons=[0.01]", "--set", "defenses.enabled=false",
                "--set", "gradcam.enabled=false", "--set", "audio.examples=0");
    }

    /** Runs {@code command} with {@code arguments}, capturing standard output and errors. */
    static Outcome run(List<String> arguments) {
        CommandLine line = Commands.commandLine(new Main());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        line.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        line.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        ByteArrayOutputStream printed = new ByteArrayOutputStream(); // what the stages print
        PrintStream original = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            int status = line.execute(arguments.toArray(String[]::new));
            return new Outcome(status, out.toString(StandardCharsets.UTF_8) + printed.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    /** Runs {@code command} into the run folder {@code out} on {@code csv} with the quick settings, then {@code extra}. */
    static Outcome command(String command, Path out, Path csv, String... extra) {
        List<String> all = new ArrayList<>(List.of(command, "--out", out.toString()));
        all.addAll(quick(csv));
        all.addAll(Arrays.asList(extra));
        return run(all);
    }
}
