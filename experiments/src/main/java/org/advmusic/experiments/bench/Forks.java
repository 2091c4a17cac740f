package org.advmusic.experiments.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the figures in fresh JVMs, one after another: each child is this program started again with the
 * same JVM options and class path, running {@code bench} with {@code --fork-output FILE}, where it writes
 * its figures as JSON; its own output goes to this process's output. With a JFR folder, each child
 * records a flight recording from its start ({@code fork-N.jfr}, profile settings), for comparing a slow
 * fork with a fast one.
 */
public final class Forks {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Forks() {
    }

    /** Writes one fork's figures for the parent. */
    public static void write(Path file, List<Figure> figures) throws IOException {
        JSON.writeValue(file.toFile(), figures);
    }

    /**
     * Runs {@code forks} children with the given {@code bench} arguments and returns each one's figures.
     *
     * @param mainClass  the program's main class
     * @param benchArgs  the command line after the main class, e.g. {@code bench --device cpu --threads 2}
     * @param jfrFolder  where each child writes {@code fork-N.jfr}, or null for no recordings
     * @throws IOException when a child cannot start, or fails (its exit status is named)
     */
    public static List<List<Figure>> run(int forks, String mainClass, List<String> benchArgs, Path jfrFolder)
            throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("advmusic-bench-forks");
        List<List<Figure>> results = new ArrayList<>();
        try {
            for (int i = 1; i <= forks; i++) {
                Path output = work.resolve("fork-" + i + ".json");
                List<String> command = new ArrayList<>();
                command.add(ProcessHandle.current().info().command().orElse("java"));
                command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
                if (jfrFolder != null) {
                    Files.createDirectories(jfrFolder);
                    command.add("-XX:StartFlightRecording=filename=" + jfrFolder.resolve("fork-" + i + ".jfr")
                            + ",settings=profile,dumponexit=true");
                }
                command.add("-cp");
                command.add(System.getProperty("java.class.path"));
                command.add(mainClass);
                command.addAll(benchArgs);
                command.add("--fork-output");
                command.add(output.toString());
                System.out.printf("fork %d of %d (load average %.2f)%n", i, forks, loadAverage());
                Process child = new ProcessBuilder(command).inheritIO().start();
                int status = child.waitFor();
                if (status != 0) {
                    throw new IOException("bench fork " + i + " exited with status " + status);
                }
                results.add(JSON.readValue(output.toFile(), new TypeReference<List<Figure>>() { }));
            }
        } finally {
            File[] files = work.toFile().listFiles();
            if (files != null) {
                for (File f : files) {
                    f.delete();
                }
            }
            work.toFile().delete();
        }
        return results;
    }

    /** The system load average over the last minute (negative when unknown). */
    public static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
