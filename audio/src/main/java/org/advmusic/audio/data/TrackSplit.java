package org.advmusic.audio.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A split of tracks (never of segments) into training, validation and test sets. Apply it with
 * {@link LabeledDataset#selectTracks}.
 *
 * @param train      training track ids
 * @param validation validation track ids
 * @param test       test track ids
 */
public record TrackSplit(Set<String> train, Set<String> validation, Set<String> test) {

    public TrackSplit {
        train = Collections.unmodifiableSet(new TreeSet<>(train));
        validation = Collections.unmodifiableSet(new TreeSet<>(validation));
        test = Collections.unmodifiableSet(new TreeSet<>(test));
    }

    /** The default 70 / 15 / 15 stratified split. */
    public static TrackSplit stratified(LabeledDataset<?> data, long seed) {
        return stratified(data, 0.70, 0.15, seed);
    }

    /**
     * Splits each class's tracks separately (so class proportions are kept): the class's tracks, in
     * sorted order, are shuffled with a generator seeded by {@code seed}, then the first
     * {@code round(n * trainFraction)} go to training, the next {@code round(n * validationFraction)} to
     * validation, the rest to test; a class with at least three tracks always gives each split at least
     * one (when all three fractions are positive). The same seed gives the same split.
     *
     * @throws IllegalArgumentException when a track carries two labels, or fractions are out of range
     */
    public static TrackSplit stratified(LabeledDataset<?> data, double trainFraction, double validationFraction, long seed) {
        if (!(trainFraction >= 0 && validationFraction >= 0 && trainFraction + validationFraction <= 1.0 + 1e-12)) {
            throw new IllegalArgumentException("split fractions train " + trainFraction + " and validation "
                    + validationFraction + " must be non-negative and sum to at most 1");
        }
        Map<Integer, List<String>> tracksByClass = new TreeMap<>();
        for (Map.Entry<String, Integer> e : labelOfEachTrack(data).entrySet()) {
            tracksByClass.computeIfAbsent(e.getValue(), k -> new ArrayList<>()).add(e.getKey());
        }
        SplittableRandom random = new SplittableRandom(seed);
        Set<String> train = new TreeSet<>();
        Set<String> validation = new TreeSet<>();
        Set<String> test = new TreeSet<>();
        for (List<String> tracks : tracksByClass.values()) {
            Collections.sort(tracks);
            for (int i = tracks.size() - 1; i > 0; i--) {
                Collections.swap(tracks, i, random.nextInt(i + 1));
            }
            int n = tracks.size();
            int trainCount = (int) Math.round(n * trainFraction);
            int validationCount = Math.min(n - trainCount, (int) Math.round(n * validationFraction));
            if (n >= 3 && validationFraction > 0 && trainFraction + validationFraction < 1) {
                // small classes: rounding must not leave validation or test without a track of this class
                trainCount = Math.max(1, Math.min(trainCount, n - 2));
                validationCount = Math.max(1, Math.min(validationCount, n - trainCount - 1));
            }
            train.addAll(tracks.subList(0, trainCount));
            validation.addAll(tracks.subList(trainCount, trainCount + validationCount));
            test.addAll(tracks.subList(trainCount + validationCount, n));
        }
        return new TrackSplit(train, validation, test);
    }

    /**
     * A split from three list files of one relative path per line (the format of the GTZAN
     * 'fault-filtered' split: {@code blues/blues.00012.au}). Blank lines and lines starting with '#'
     * are ignored; {@code .au} and {@code .wav} are interchangeable; an entry matches a track id with
     * the same path (ignoring the extension) or, when the track id has no folder, the same file name.
     * Entries that match no track are reported as problems (file and line); tracks in no list are
     * left out of all three sets and counted in a note.
     *
     * @throws IllegalArgumentException when a track is in two lists (it would be trained and tested on),
     *                                  naming the track and both files
     */
    public static TrackSplit fromLists(LabeledDataset<?> data, Path trainList, Path validationList, Path testList,
                                       LoadReport report) throws IOException {
        Map<String, String> byKey = new HashMap<>();
        Map<String, String> byName = new HashMap<>();
        for (String track : labelOfEachTrack(data).keySet()) {
            byKey.put(key(track), track);
            byName.merge(fileName(key(track)), track, (a, b) -> a.equals(b) ? a : "");
        }
        Set<String> train = readList(trainList, byKey, byName, report);
        Set<String> validation = readList(validationList, byKey, byName, report);
        Set<String> test = readList(testList, byKey, byName, report);
        requireDisjoint(train, trainList, validation, validationList);
        requireDisjoint(train, trainList, test, testList);
        requireDisjoint(validation, validationList, test, testList);
        long unlisted = byKey.values().stream()
                .filter(t -> !train.contains(t) && !validation.contains(t) && !test.contains(t)).count();
        if (unlisted > 0) {
            report.note(trainList.toAbsolutePath().getParent(),
                    unlisted + " track(s) of the data set are in none of the split lists; left out");
        }
        return new TrackSplit(train, validation, test);
    }

    private static void requireDisjoint(Set<String> a, Path aList, Set<String> b, Path bList) {
        List<String> both = a.stream().filter(b::contains).sorted().toList();
        if (!both.isEmpty()) {
            throw new IllegalArgumentException(both.size() + " track(s) are in both split lists " + aList + " and " + bList
                    + ", e.g. '" + both.get(0) + "'; a track must be in one split only");
        }
    }

    private static Set<String> readList(Path list, Map<String, String> byKey, Map<String, String> byName,
                                        LoadReport report) throws IOException {
        Set<String> tracks = new TreeSet<>();
        if (!Files.isRegularFile(list)) {
            throw new java.nio.file.NoSuchFileException(list.toString(), null, "split list not found");
        }
        List<String> lines = Files.readAllLines(list, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String entry = key(line);
            String track = byKey.get(entry);
            if (track == null) {
                String byFileName = byName.get(fileName(entry));
                boolean trackIdsHaveNoFolders = byFileName != null && !byFileName.isEmpty() && !key(byFileName).contains("/");
                track = trackIdsHaveNoFolders ? byFileName : null;
            }
            if (track == null) {
                report.problem(list, "line " + (i + 1) + ": '" + line + "' matches no track of the data set");
            } else {
                tracks.add(track);
            }
        }
        return tracks;
    }

    /** '/'-separated, without "./" and without a .wav/.au extension. */
    private static String key(String path) {
        String p = path.replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        String lower = p.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".wav")) {
            return p.substring(0, p.length() - 4);
        }
        return lower.endsWith(".au") ? p.substring(0, p.length() - 3) : p;
    }

    private static String fileName(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    /** Each track's label, checking that all its samples agree. */
    private static Map<String, Integer> labelOfEachTrack(LabeledDataset<?> data) {
        Map<String, Integer> labels = new TreeMap<>();
        String[] ids = data.trackIds();
        int[] y = data.labels();
        for (int i = 0; i < ids.length; i++) {
            Integer previous = labels.putIfAbsent(ids[i], y[i]);
            if (previous != null && previous != y[i]) {
                throw new IllegalArgumentException("track '" + ids[i] + "' has samples labelled both "
                        + data.classNames().get(previous) + " and " + data.classNames().get(y[i]));
            }
        }
        return labels;
    }
}
