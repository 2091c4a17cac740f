package org.advmusic.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.advmusic.audio.synth.SyntheticGenreSettings;
import org.advmusic.audio.synth.SyntheticGenres;
import org.advmusic.experiments.cli.Commands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The waveform study runs at the budgets of the config's {@code audio} section and records them; a
 * data set stored at 44.1 kHz is resampled to the front end's 22050 Hz and both the data report and
 * the study say so.
 */
class WaveformStudyOptionsTest {
    @TempDir
    Path dir;

    @Test
    void budgetsComeFromTheConfigAndResamplingIsStated() throws Exception {
        SyntheticGenreSettings defaults = SyntheticGenreSettings.defaults(3);
        SyntheticGenres.generate(dir.resolve("gtzan"), new SyntheticGenreSettings(defaults.genres().subList(0, 4), 4, 3.0,
                44100, 3, 2, null));
        List<String> common = new ArrayList<>();
        for (String set : List.of("data.source=gtzan", "data.path=" + dir.resolve("gtzan"), "data.cache=" + dir.resolve("cache"),
                "model.width=0.125", "training.epochs=2", "attacks.pgd_steps=2", "attacks.fmn_steps=2",
                "attacks.ddn_steps=2", "gradcam.enabled=false", "audio.examples=8", "audio.pgd_peak_dbfs=-30",
                "audio.perturbation_peak_dbfs=-12", "audio.snr_budgets_db=[45,15]", "audio.peak_budgets_dbfs=[-60,-20]")) {
            common.addAll(List.of("--set", set));
        }
        Path run = dir.resolve("run");
        for (String command : List.of("train", "gradcam")) {
            List<String> args = new ArrayList<>(List.of(command, "--config", "demo", "--device", "cpu", "--out", run.toString()));
            args.addAll(common);
            CommandLine line = Commands.commandLine(new Main());
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            line.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
            assertEquals(0, line.execute(args.toArray(String[]::new)), command + ": " + err.toString(StandardCharsets.UTF_8));
        }
        JsonNode metrics = new ObjectMapper().readTree(run.resolve("metrics.json").toFile());

        JsonNode resampled = metrics.path("data").path("resampled");
        assertEquals(1, resampled.size(), metrics.path("data").toString());
        assertEquals(44100, resampled.get(0).path("from_hz").asDouble());
        assertEquals(22050, resampled.get(0).path("to_hz").asInt());
        assertEquals(16, resampled.get(0).path("files").asInt(), "every track, counted");
        assertEquals(3, resampled.get(0).path("examples").size());

        JsonNode budgets = metrics.path("audio_budgets");
        assertEquals(-30, budgets.path("pgd_peak_dbfs").asDouble());
        assertEquals(-12, budgets.path("perturbation_peak_dbfs").asDouble());
        assertEquals("[15.0,45.0]", budgets.path("snr_budgets_db").toString());
        assertEquals("[-60.0,-20.0]", budgets.path("peak_budgets_dbfs").toString());

        JsonNode audio = metrics.path("audio");
        assertFalse(audio.isEmpty(), "the study ran");
        int attacked = 0;
        for (JsonNode track : audio) {
            assertTrue(track.path("method").asText().contains("resampled from 44100 Hz to 22050 Hz"), track.toString());
            if (track.has("succeeded")) { // attacked: at the configured budget, the perturbation file at its level
                attacked++;
                assertTrue(track.path("threat_model").asText().contains("-30.0 dBFS peak"), track.toString());
                double peak = track.path("peak_dbfs").asDouble();
                assertTrue(peak <= -30 + 0.01, track.toString());
                assertEquals(-12 - peak, track.path("perturbation_gain_db").asDouble(), 1e-6, track.toString());
            }
        }
        // every test track is studied, so the tracks of the class the barely trained model predicts are attacked
        assertTrue(attacked > 0, "a correctly classified track was attacked: " + audio);
        assertTrue(Files.isRegularFile(run.resolve("figures/waveform-robustness.png")), "the curves, at the recorded budgets");
        assertTrue(Files.readString(run.resolve("report.html")).contains("resampled from 44100 Hz to 22050 Hz: 16 file(s)"),
                "the report states the resampling");
    }
}
