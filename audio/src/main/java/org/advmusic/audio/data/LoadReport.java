package org.advmusic.audio.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a loader met on its way: problems (an input that was skipped, with its path and why) and notes
 * (inputs used with a caveat, such as a short clip that gave fewer segments). Thread-safe to fill;
 * the lists it returns are sorted by path, so reports do not depend on thread timing.
 */
public final class LoadReport {

    /** One input and what happened to it. */
    public record Entry(Path path, String message) {
        @Override
        public String toString() {
            return path + ": " + message;
        }
    }

    private final List<Entry> problems = new ArrayList<>();
    private final List<Entry> notes = new ArrayList<>();

    /** Records an input that was skipped. */
    public synchronized void problem(Path path, String reason) {
        problems.add(new Entry(path, reason));
    }

    /** Records an input that was used with a caveat. */
    public synchronized void note(Path path, String message) {
        notes.add(new Entry(path, message));
    }

    /** Adds everything of {@code other}. */
    public synchronized void addAll(LoadReport other) {
        problems.addAll(other.problems());
        notes.addAll(other.notes());
    }

    /** Skipped inputs, sorted by path. */
    public synchronized List<Entry> problems() {
        return sorted(problems);
    }

    /** Caveats, sorted by path. */
    public synchronized List<Entry> notes() {
        return sorted(notes);
    }

    /** Whether nothing was skipped. */
    public synchronized boolean clean() {
        return problems.isEmpty();
    }

    /** One line per problem and note, problems first. */
    @Override
    public synchronized String toString() {
        StringBuilder out = new StringBuilder();
        out.append(problems.size()).append(" problem(s), ").append(notes.size()).append(" note(s)");
        for (Entry e : problems()) {
            out.append(System.lineSeparator()).append("  skipped ").append(e);
        }
        for (Entry e : notes()) {
            out.append(System.lineSeparator()).append("  note ").append(e);
        }
        return out.toString();
    }

    private static List<Entry> sorted(List<Entry> entries) {
        List<Entry> copy = new ArrayList<>(entries);
        copy.sort(Comparator.comparing((Entry e) -> e.path().toString()).thenComparing(Entry::message));
        return List.copyOf(copy);
    }
}
