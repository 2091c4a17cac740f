package org.advmusic.audio.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The tracks of a folder-per-class tree: every non-hidden sub-folder of the root is a class (sorted by
 * name, label = position), every {@code .wav} file directly inside it a track. Other files are
 * reported and skipped; a class folder without WAV files is reported and keeps its label.
 *
 * @param root       the folder holding the class folders
 * @param classNames class names in label order
 * @param tracks     the WAV files, by class then file name
 */
record ClassFolders(Path root, List<String> classNames, List<Track> tracks) {

    /** One WAV file of the tree. */
    record Track(Path file, String relativePath, int label) {
    }

    static ClassFolders scan(Path root, LoadReport report) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException(root + ": not a folder; expected a folder with one sub-folder of WAV files per class");
        }
        List<Path> classFolders = sortedChildren(root).stream().filter(Files::isDirectory).toList();
        if (classFolders.isEmpty()) {
            throw new IOException(root + ": contains no class folders; expected <root>/<class>/<file>.wav");
        }
        List<String> classNames = new ArrayList<>();
        List<Track> tracks = new ArrayList<>();
        for (Path folder : classFolders) {
            int label = classNames.size();
            String className = folder.getFileName().toString();
            classNames.add(className);
            int found = 0;
            for (Path file : sortedChildren(folder)) {
                if (Files.isDirectory(file)) {
                    report.problem(file, "a folder inside class folder '" + className
                            + "'; only WAV files directly in a class folder are read");
                } else if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wav")) {
                    tracks.add(new Track(file, className + "/" + file.getFileName(), label));
                    found++;
                } else {
                    report.problem(file, "not a .wav file; skipped");
                }
            }
            if (found == 0) {
                report.problem(folder, "class folder '" + className + "' has no .wav files; the class keeps label "
                        + label + " with no samples");
            }
        }
        return new ClassFolders(root, List.copyOf(classNames), List.copyOf(tracks));
    }

    /** Non-hidden entries of a folder, sorted by name. */
    private static List<Path> sortedChildren(Path folder) throws IOException {
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
