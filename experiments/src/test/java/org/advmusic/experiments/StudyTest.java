package org.advmusic.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.advmusic.experiments.cli.Commands;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** `demo --config gtzan-study-demo`, shrunk: two models through every stage, the seed's six tables with both. */
class StudyTest {
    @TempDir
    static Path dir;
    static Path run;
    static int status;
    static String errors;

    /** The overrides that shrink a study to seconds: a few 3 s tracks, one epoch, few attacked samples. */
    static List<String> tiny(Path dir) {
        return new ArrayList<>(List.of("--device", "cpu", "--set", "data.path=" + dir.resolve("data"),
                "--set", "data.cache=" + dir.resolve("cache"), "--set", "data.synthetic.tracks_per_genre=3",
                "--set", "data.synthetic.seconds=3", "--set", "training.epochs=1", "--set", "defenses.epochs=1",
                "--set", "defenses.squeezed_pure=false", "--set", "attacks.samples=8", "--set", "attacks.fmn_steps=3", "--set", "attacks.ddn_steps=3",
                "--set", "attacks.epsilons=[0,0.01,0.03]", "--set", "defenses.evaluation_epsilons=[0.01,0.03]",
                "--set", "gradcam.misclassified=1", "--set", "audio.examples=0"));
    }

    /** Runs a command line, its errors into {@code err}; returns the exit status. */
    static int execute(List<String> args, ByteArrayOutputStream err) {
        CommandLine line = Commands.commandLine(new Main());
        line.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        return line.execute(args.toArray(String[]::new));
    }

    @BeforeAll
    static void runTinyStudy() {
        run = dir.resolve("study");
        List<String> args = new ArrayList<>(List.of("demo", "--config", "gtzan-study-demo", "--out", run.toString()));
        args.addAll(tiny(dir));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        status = execute(args, err);
        errors = err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everySeedTableHoldsBothModels() throws Exception {
        assertEquals(0, status, errors);
        for (String table : List.of("table1-clean-accuracy", "table2-robustness-per-epsilon", "table3-defenses-clean",
                "table4-defenses-under-attack", "table5-defense-improvement", "table6-best-defense")) {
            String csv = Files.readString(run.resolve("tables/" + table + ".csv"));
            assertTrue(csv.contains("cnn") && csv.contains("resnet18"), table + ":\n" + csv);
        }
        String table2 = Files.readString(run.resolve("tables/table2-robustness-per-epsilon.csv"));
        assertTrue(table2.startsWith("epsilon,cnn FGSM,cnn PGD,resnet18 FGSM,resnet18 PGD"), table2);
        String table3 = Files.readString(run.resolve("tables/table3-defenses-clean.csv"));
        assertTrue(table3.contains("squeezed-mixed") && table3.contains("feature squeezing"), table3);
        String table4 = Files.readString(run.resolve("tables/table4-defenses-under-attack.csv"));
        assertTrue(table4.contains("naive") && table4.contains("adaptive"), "naive and adaptive labelled:\n" + table4);
        for (String model : List.of("cnn", "resnet18")) {
            assertTrue(Files.isRegularFile(run.resolve(model + "/report.html")), model + " has its own report");
            assertTrue(Files.isRegularFile(run.resolve(model + "/checkpoints/adversarial-pure/model.json")));
        }
        assertTrue(Files.readString(run.resolve("report.html")).contains("Table 5"));
        for (String figure : List.of("figures/study-robustness.png", "figures/study-defense-improvement.png")) {
            assertTrue(Files.size(run.resolve(figure)) > 1000 && Files.readString(run.resolve("report.html")).contains(figure),
                    figure + ": Tables 2 and 5 as figures, both models in each");
        }
        String minimumNorm = Files.readString(run.resolve("tables/table4b-defenses-minimum-norm.csv"));
        assertTrue(minimumNorm.contains("FMN") && minimumNorm.contains("DDN") && minimumNorm.contains("L2 eps=unbounded")
                && minimumNorm.contains("squeezed-mixed"), "defenses under L2 minimum-norm attacks:\n" + minimumNorm);
        assertTrue(Files.readString(run.resolve("report.html")).contains("PGD-10 eps=0.01: Linf eps=0.01"),
                "FGSM and PGD stay in Linf beside them");
    }

    @Test
    void reportRendersTheStudyFolderAgainWithoutLosingItsTables() throws Exception {
        assertEquals(0, status, errors);
        Map<String, String> tables = contents(run.resolve("tables"));
        String report = Files.readString(run.resolve("report.html"));
        Files.delete(run.resolve("cnn/report.html"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        assertEquals(0, execute(List.of("report", run.toString()), err), err.toString(StandardCharsets.UTF_8));
        assertEquals(tables, contents(run.resolve("tables")), "the study's tables, every model in each, as the run wrote them");
        assertEquals(report, Files.readString(run.resolve("report.html")), "the study's report, not a single run's");
        for (String model : List.of("cnn", "resnet18")) {
            String own = Files.readString(run.resolve(model + "/report.html"));
            assertTrue(own.contains("figures/") && !contents(run.resolve(model + "/tables")).isEmpty(),
                    model + "'s own report is rendered again");
        }
    }

    /** Every file of a folder by name, with its text. */
    private static Map<String, String> contents(Path folder) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                out.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[]| 0.03| lists no model",
        "[{\"name\": \"a\", \"set\": []}, {\"name\": \"a\", \"set\": []}]| 0.03| model names must be distinct",
        "[{\"name\": \"a\", \"set\": [\"model.architecture=VGG16\"]}]| 0.03| study model 'a'",
        "[{\"name\": \"a\", \"set\": []}]| 0.05| study.table5_epsilon"})
    void badStudiesAreRefusedBeforeAnyTraining(String models, String table5, String message) throws Exception {
        Path config = dir.resolve("bad-study.json");
        Files.writeString(config, "{\"name\": \"bad\", \"defenses\": {\"evaluation_epsilons\": [0.01, 0.03]},"
                + " \"attacks\": {\"epsilons\": [0, 0.01, 0.03, 0.05]}, \"study\": {\"models\": " + models
                + ", \"table5_epsilon\": " + table5 + "}}");
        Path out = dir.resolve("bad-run");
        List<String> args = new ArrayList<>(List.of("demo", "--config", config.toString(), "--out", out.toString()));
        args.addAll(tiny(dir));
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        assertEquals(2, execute(args, err));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(message), err.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(out.resolve("a")), "nothing trained");
    }
}
