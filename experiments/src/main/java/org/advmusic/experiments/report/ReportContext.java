package org.advmusic.experiments.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.advmusic.experiments.results.RunMetrics;

/**
 * What the figure and table writers share while one report is rendered: the run directory, its
 * metrics, the figures written so far (with unique file names), and the problems met on the way
 * (a figure that could not be drawn, a tensor file of the wrong shape), which the report lists.
 */
final class ReportContext {
    static final String FIGURES = "figures";

    private final Path runDirectory;
    private final RunMetrics metrics;
    private final Set<String> usedNames = new HashSet<>();
    private final List<Figure> figures = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    ReportContext(Path runDirectory, RunMetrics metrics) {
        this.runDirectory = runDirectory;
        this.metrics = metrics;
    }

    Path runDirectory() {
        return runDirectory;
    }

    RunMetrics metrics() {
        return metrics;
    }

    /** The figures written so far, in order. */
    List<Figure> figures() {
        return List.copyOf(figures);
    }

    /** The problems met so far, in words. */
    List<String> problems() {
        return List.copyOf(problems);
    }

    /** Records a problem that the report shows (something could not be rendered, and why). */
    void problem(String text) {
        problems.add(text);
    }

    /** Draws one figure into the PNG file that the painter is given. */
    @FunctionalInterface
    interface Painter {
        void paint(Path file) throws IOException;
    }

    /**
     * Writes a figure to {@code figures/<stem>.png} (made unique and file-system safe) and records it;
     * a figure that fails to draw (bad values, a charting error) is recorded as a problem instead,
     * so one bad figure never stops the report.
     *
     * @param stem    a readable base name, e.g. "training baseline"
     * @param caption what it shows, with the threat model of any number under attack
     * @param group   a collapsible group in the report, or null
     */
    void figure(Section section, String stem, String caption, String group, Painter painter) throws IOException {
        String name = uniqueName(stem) + ".png";
        Path file = runDirectory.resolve(FIGURES).resolve(name);
        try {
            painter.paint(file);
        } catch (RuntimeException e) {
            problem("figure " + FIGURES + "/" + name + " (" + caption + ") could not be drawn: " + e);
            return;
        }
        figures.add(new Figure(section, FIGURES + "/" + name, caption, group));
    }

    /** {@code stem} as a file name: lower case letters, digits, dots and dashes, unique within this report. */
    private String uniqueName(String stem) {
        String base = slug(stem);
        String name = base;
        for (int k = 2; !usedNames.add(name); k++) {
            name = base + "-" + k;
        }
        return name;
    }

    /**
     * Lower case, runs of anything but letters, digits and dots turned into one dash:
     * "PGD-Linf eps=0.01" reads "pgd-linf-eps-0.01".
     */
    static String slug(String text) {
        String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-").replaceAll("^[-.]+|[-.]+$", "");
        return slug.isEmpty() ? "figure" : slug;
    }
}
