package org.advmusic.distributed;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.advmusic.experiments.pipeline.TrackInputs;

/** The tracks a sweep could not use, as {@code sweep/problems.json} ({track, path, reason} objects), and printed. */
final class SweepProblems {
    /** The file inside the run folder. */
    static final String FILE = "sweep/problems.json";

    private SweepProblems() {
    }

    /** Writes (or, with no problems, removes) the file and prints one line per problem. */
    static void write(Path folder, List<TrackInputs> problems) {
        Path file = folder.resolve(FILE);
        try {
            if (problems.isEmpty()) {
                Files.deleteIfExists(file);
                return;
            }
            List<Map<String, String>> entries = new ArrayList<>();
            for (TrackInputs f : problems) {
                Map<String, String> entry = new LinkedHashMap<>();
                entry.put("track", f.track().track());
                entry.put("path", f.track().file());
                entry.put("reason", f.problem());
                entries.add(entry);
                System.out.println("sweep: track " + f.track().track() + " (" + f.track().file() + ") skipped: " + f.problem());
            }
            Files.createDirectories(file.getParent());
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), entries);
        } catch (IOException e) {
            throw new SweepException("the list of unusable tracks cannot be written to " + file + ": " + e.getMessage(), e);
        }
    }
}
