package org.advmusic.audio.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.advmusic.audio.io.WavReader;

/**
 * What a loader met on its way: problems (an input that was skipped, with its path and why), notes
 * (inputs used with a caveat, such as a short clip that gave fewer segments) and resamplings (files
 * stored at another rate than the front end's, summarised per pair of rates with a count and
 * examples). Thread-safe to fill; the lists it returns are sorted by path, so reports do not depend on
 * thread timing.
 */
public final class LoadReport {

    /** One input and what happened to it. */
    public record Entry(Path path, String message) {
        @Override
        public String toString() {
            return path + ": " + message;
        }
    }

    /**
     * The files read at one rate and resampled to another.
     *
     * @param fromHz   the files' rate
     * @param toHz     the rate they were resampled to
     * @param files    how many
     * @param examples the first few, by path
     */
    public record Resampling(float fromHz, int toHz, int files, List<Path> examples) {
        /** How many examples a summary names. */
        public static final int EXAMPLES = 3;

        @Override
        public String toString() {
            return WavReader.Mono.resampling(fromHz, toHz) + ": " + files + " file(s), e.g. "
                    + examples.stream().map(String::valueOf).collect(Collectors.joining(", "));
        }
    }

    private final List<Entry> problems = new ArrayList<>();
    private final List<Entry> notes = new ArrayList<>();
    /** Per "from to" pair of rates, every file. */
    private final TreeMap<List<Float>, List<Path>> resampled = new TreeMap<>(
            Comparator.comparing((List<Float> rates) -> rates.get(0)).thenComparing(rates -> rates.get(1)));

    /** Records an input that was skipped. */
    public synchronized void problem(Path path, String reason) {
        problems.add(new Entry(path, reason));
    }

    /** Records an input that was used with a caveat. */
    public synchronized void note(Path path, String message) {
        notes.add(new Entry(path, message));
    }

    /** Records a file stored at {@code fromHz} and resampled to {@code toHz}; nothing when the rates are equal. */
    public synchronized void resampled(Path path, float fromHz, int toHz) {
        if (fromHz != toHz) {
            resampled.computeIfAbsent(List.of(fromHz, (float) toHz), rates -> new ArrayList<>()).add(path);
        }
    }

    /** Adds everything of {@code other}. */
    public synchronized void addAll(LoadReport other) {
        problems.addAll(other.problems());
        notes.addAll(other.notes());
        other.resampledFiles().forEach((rates, paths) -> resampled.computeIfAbsent(rates, r -> new ArrayList<>()).addAll(paths));
    }

    private synchronized Map<List<Float>, List<Path>> resampledFiles() {
        Map<List<Float>, List<Path>> copy = new TreeMap<>(resampled.comparator());
        resampled.forEach((rates, paths) -> copy.put(rates, List.copyOf(paths)));
        return copy;
    }

    /** Skipped inputs, sorted by path. */
    public synchronized List<Entry> problems() {
        return sorted(problems);
    }

    /** Caveats, sorted by path. */
    public synchronized List<Entry> notes() {
        return sorted(notes);
    }

    /** The files that were resampled, one summary per pair of rates (increasing source rate). */
    public synchronized List<Resampling> resamplings() {
        List<Resampling> out = new ArrayList<>();
        resampled.forEach((rates, paths) -> {
            List<Path> sorted = paths.stream().sorted(Comparator.comparing(Path::toString)).toList();
            out.add(new Resampling(rates.get(0), Math.round(rates.get(1)), sorted.size(),
                    sorted.subList(0, Math.min(Resampling.EXAMPLES, sorted.size()))));
        });
        return List.copyOf(out);
    }

    /** Whether nothing was skipped. */
    public synchronized boolean clean() {
        return problems.isEmpty();
    }

    /** One line per problem and note, problems first, then one per pair of rates that files were resampled between. */
    @Override
    public synchronized String toString() {
        StringBuilder out = new StringBuilder();
        out.append(problems.size()).append(" problem(s), ").append(notes.size()).append(" note(s)");
        if (!resampled.isEmpty()) {
            out.append(", ").append(resampled.values().stream().mapToInt(List::size).sum()).append(" file(s) resampled");
        }
        for (Entry e : problems()) {
            out.append(System.lineSeparator()).append("  skipped ").append(e);
        }
        for (Entry e : notes()) {
            out.append(System.lineSeparator()).append("  note ").append(e);
        }
        for (Resampling r : resamplings()) {
            out.append(System.lineSeparator()).append("  ").append(r);
        }
        return out.toString();
    }

    private static List<Entry> sorted(List<Entry> entries) {
        List<Entry> copy = new ArrayList<>(entries);
        copy.sort(Comparator.comparing((Entry e) -> e.path().toString()).thenComparing(Entry::message));
        return List.copyOf(copy);
    }
}
