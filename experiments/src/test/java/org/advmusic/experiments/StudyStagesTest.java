package org.advmusic.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.advmusic.experiments.results.RunMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stage commands on a study config: each runs its stage for every model, and the study's tables follow. */
class StudyStagesTest {
    private static final List<String> MODELS = List.of("narrow", "wide");

    @TempDir
    Path dir;

    private String run(String command, Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of(command, "--config", "gtzan-study-demo", "--out", out.toString(),
                "--set", "study.models=[{\"name\": \"narrow\", \"set\": [\"model.width=0.0625\"]},"
                        + " {\"name\": \"wide\", \"set\": [\"model.width=0.125\"]}]",
                "--set", "defenses.squeezed_mixed=false", "--set", "defenses.pure=false", "--set", "attacks.examples=0", "--set", "study.table5_epsilon=0.03"));
        args.addAll(StudyTest.tiny(dir));
        args.addAll(List.of(extra));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = StudyTest.execute(args, err);
        return status + " " + err.toString(StandardCharsets.UTF_8);
    }

    private static String table(Path study, String name) throws Exception {
        return Files.readString(study.resolve("tables/" + name + ".csv"));
    }

    private static RunMetrics metrics(Path study, String model) throws Exception {
        return RunMetrics.read(study.resolve(model).resolve("metrics.json"));
    }

    @Test
    void everyStageCommandRunsOnEveryModelOfTheStudy() throws Exception {
        Path study = dir.resolve("study");
        String untrained = run("attack", study);
        assertTrue(untrained.startsWith("2 ") && untrained.contains("no trained baseline for model(s) [narrow, wide]"), untrained);

        assertEquals("0 ", run("train", study));
        String table1 = table(study, "table1-clean-accuracy");
        assertTrue(table1.contains("narrow,GenreCnn") && table1.contains("wide,GenreCnn"), table1);

        assertEquals("0 ", run("attack", study));
        assertTrue(table(study, "table2-robustness-per-epsilon").startsWith("epsilon,narrow FGSM,narrow PGD,wide FGSM,wide PGD"));
        for (String model : MODELS) {
            assertNotNull(metrics(study, model).robustness(), model + " attacked");
            assertTrue(metrics(study, model).robustness().curves().get(0).points().size() > 1);
        }

        assertEquals("0 ", run("defend", study));
        for (String name : List.of("table3-defenses-clean", "table5-defense-improvement", "table6-best-defense")) {
            String csv = table(study, name);
            assertTrue(csv.contains("narrow") && csv.contains("wide"), name + ":\n" + csv);
        }

        assertEquals("0 ", run("gradcam", study));
        for (String model : MODELS) {
            RunMetrics m = metrics(study, model);
            assertNotNull(m.gradcam(), model + " explained");
            assertNotNull(m.defenses(), model + "'s defenses kept by the later stages");
            assertEquals("gradcam", m.run().command());
            assertTrue(Files.isRegularFile(study.resolve(model).resolve("report.html")));
        }
        assertTrue(Files.readString(study.resolve("report.html")).contains("Table 5"));

        String single = run("attack", study, "--checkpoint", study.resolve("narrow/checkpoints/baseline").toString());
        assertTrue(single.startsWith("2 ") && single.contains("leave --checkpoint out"), single);
        assertFalse(Files.exists(study.resolve("checkpoints")), "nothing written beside the models' folders");
    }
}
