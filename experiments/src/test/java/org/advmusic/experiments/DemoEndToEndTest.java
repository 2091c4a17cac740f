package org.advmusic.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.advmusic.experiments.cli.Commands;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `demo` with a tiny override runs end to end and produces every file RESULTS.md lists. */
class DemoEndToEndTest {
    @TempDir
    static Path dir;
    static Path run;
    static int status;
    static String errors;

    @BeforeAll
    static void runTinyDemo() {
        run = dir.resolve("run");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        status = StudyTest.execute(List.of("demo", "--device", "cpu", "--out", run.toString(),
                "--set", "data.path=" + dir.resolve("data"), "--set", "data.cache=" + dir.resolve("cache"),
                "--set", "data.synthetic.tracks_per_genre=3", "--set", "data.synthetic.seconds=6",
                "--set", "training.epochs=1", "--set", "defenses.epochs=1", "--set", "attacks.samples=12",
                "--set", "attacks.fmn_steps=5", "--set", "attacks.genetic_queries=40", "--set", "attacks.checklist_samples=6",
                "--set", "attacks.epsilons=[0,0.01,0.03]", "--set", "defenses.evaluation_epsilons=[0.01,0.03]",
                "--set", "gradcam.misclassified=2", "--set", "audio.examples=2", "--set", "defenses.squeezed_mixed=true",
                "--set", "gradcam.explained_class=both"), err);
        errors = err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyPromisedFileIsWritten() throws Exception {
        assertEquals(0, status, errors);
        for (String f : List.of("config.json", "metrics.json", "report.html", "tensors/examples.safetensors",
                "tensors/gradcam.safetensors", "checkpoints/baseline/model.safetensors", "checkpoints/baseline/model.json",
                "checkpoints/adversarial-mixed/model.json", "checkpoints/adversarial-pure/model.json",
                "checkpoints/squeezing-trained/model.json", "checkpoints/squeezed-mixed/model.json",
                "tables/table1-clean-accuracy.csv",
                "tables/table2-baseline-robustness.csv", "tables/table4-defenses-under-attack.csv",
                "tables/table6-best-defense.csv", "tables/sanity-checklist.csv", "tables/detectors.csv")) {
            assertTrue(Files.isRegularFile(run.resolve(f)), "missing " + f);
        }
        JsonNode metrics = new ObjectMapper().readTree(run.resolve("metrics.json").toFile());
        for (String section : List.of("run", "data", "models", "robustness", "checklists", "defenses", "gradcam")) {
            assertTrue(metrics.has(section), "metrics.json lacks " + section);
        }
        assertTrue(metrics.path("defenses").path("detectors").size() == 2, "naive and adaptive detector rows");
        for (JsonNode track : metrics.path("audio")) { // the waveform study: a file named adversarial is one
            if (!track.path("adversarial").isNull()) {   // the pipeline misclassified when reading it back
                assertTrue(Files.isRegularFile(run.resolve(track.path("adversarial").asText())), track.toString());
                assertTrue(!track.path("reanalysed_prediction").asText().equals(track.path("label").asText()), track.toString());
            }
        }
        assertTrue(metrics.path("defenses").toString().contains("squeezed-mixed"), "seed 002's Squeezing (Mixed) row");
        assertTrue(org.advmusic.engine.io.Safetensors.readContents(run.resolve("tensors/gradcam.safetensors")).tensors()
                .containsKey("clean-predicted-class"), "true- and predicted-class maps");
        try (var figures = Files.list(run.resolve("figures"))) {
            assertTrue(figures.count() > 10, "figures written");
        }
        JsonNode config = new ObjectMapper().readTree(run.resolve("config.json").toFile());
        assertEquals(1, config.path("training").path("epochs").asInt(), "the resolved config records the overrides");
    }

    @Test
    void theReportReferencesOnlyFilesThatExist() throws Exception {
        String html = Files.readString(run.resolve("report.html"));
        Matcher m = Pattern.compile("(?:src|href)=\"([^\"#]+)\"").matcher(html);
        int links = 0;
        while (m.find()) {
            String target = java.net.URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
            assertTrue(Files.exists(run.resolve(target)), "report.html links to missing " + target);
            links++;
        }
        assertTrue(links > 10, "the report links its figures (" + links + " links)");
    }

    @Test
    void aBadConfigGivesTheDocumentedErrorAndExitStatus() {
        CommandLine line = Commands.commandLine(new Main());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        line.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        int code = line.execute("train", "--config", "demo", "--set", "training.epochs=0", "--out", dir.resolve("bad").toString());
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("'training.epochs' is 0"), err.toString(StandardCharsets.UTF_8));
    }
}
