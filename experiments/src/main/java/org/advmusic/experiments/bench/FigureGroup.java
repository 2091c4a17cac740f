package org.advmusic.experiments.bench;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The figures {@code bench} can measure, in groups that are timed together ({@code --only}), so that
 * the figures an issue sets targets for can be measured over several forks in reasonable time.
 */
public enum FigureGroup {
    /** GEMM GFLOP/s on the seed network's shapes. */
    GEMM,
    /** GenreCnn inference, evaluation mode. */
    FORWARD,
    /**
     * The training step (forward, backward, Adam, training mode) and forward + full backward in
     * evaluation mode, timed in alternation, and their ratio (issue 18: at most 1.3).
     */
    STEP,
    /** Forward + input-gradient-only backward in evaluation mode (an attack's step); with STEP, its ratio to the full backward. */
    INPUT_GRADIENT,
    /** PGD-10 on spectrograms. */
    PGD,
    /**
     * PGD-10 on spectrograms and on 3 s waveforms through the differentiable front end, timed in
     * alternation, then the front end alone, and their ratios (issue 15).
     */
    WAVEFORM,
    /** One clean and one PGD-7 adversarial training epoch, timed in alternation, and their ratio (issue 18: at most 4). */
    EPOCHS;

    /** The name on the command line, e.g. {@code input-gradient}. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The groups named in {@code list} (comma-separated option names, or {@code all}).
     *
     * @throws IllegalArgumentException naming an unknown group and the known ones
     */
    public static Set<FigureGroup> parse(String list) {
        Set<FigureGroup> groups = EnumSet.noneOf(FigureGroup.class);
        for (String item : list.split(",")) {
            String name = item.trim();
            if (name.equals("all")) {
                groups.addAll(EnumSet.allOf(FigureGroup.class));
                continue;
            }
            FigureGroup found = null;
            for (FigureGroup g : values()) {
                if (g.optionName().equals(name)) {
                    found = g;
                }
            }
            if (found == null) {
                throw new IllegalArgumentException("bench: --only names an unknown figure group '" + name
                        + "'; expected all or a comma-separated list of " + optionNames());
            }
            groups.add(found);
        }
        return groups;
    }

    /** The option names of every group, comma-separated. */
    public static String optionNames() {
        StringBuilder names = new StringBuilder();
        for (FigureGroup g : values()) {
            names.append(names.length() == 0 ? "" : ", ").append(g.optionName());
        }
        return names.toString();
    }
}
