package org.advmusic.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.advmusic.experiments.results.RunMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every section of metrics.json read into its record and written back gives the same records again. */
class ResultsRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void everySectionSurvivesWritingAndReading() throws Exception {
        SyntheticRun.writeFull(dir.resolve("first"));
        RunMetrics first = RunMetrics.read(dir.resolve("first/metrics.json"));
        first.write(dir.resolve("second.json"));
        RunMetrics second = RunMetrics.read(dir.resolve("second.json"));
        assertEquals(first.toJson(), second.toJson());
        assertNotNull(second.robustness());
        assertNotNull(second.defenses());
        assertNotNull(second.gradcam());
        assertTrue(!second.checklists().isEmpty() && !second.audio().isEmpty() && !second.models().isEmpty());
        assertEquals(first.robustness().reports().get(0).medianPerturbation("Linf"),
                second.robustness().reports().get(0).medianPerturbation("Linf"));
    }
}
