package org.advmusic.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.advmusic.experiments.results.FeaturePerturbationMetrics;
import org.advmusic.experiments.results.RunMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An MLP on named features: what the attacks changed per feature, as figures and a table in the report. */
class TabularPerturbationFiguresTest {
    @TempDir
    Path dir;

    @Test
    void theReportDrawsThePerFeaturePerturbationsOfATabularRun() throws Exception {
        Path csv = FeatureTableRun.table(dir.resolve("table"), 20, 20, 20);
        Path run = dir.resolve("run");
        FeatureTableRun.Outcome outcome = FeatureTableRun.command("demo", run, csv, "--set", "attacks.examples=12",
                "--set", "attacks.samples=12", "--set", "attacks.epsilons=[0,0.1,0.3]", "--set", "attacks.reference_epsilon=0.3",
                "--set", "defenses.evaluation_epsilons=[0.3]",
                "--set", "attacks.fmn_steps=10", "--set", "attacks.ddn_steps=0");
        assertEquals(0, outcome.status(), outcome.out() + outcome.err());
        assertFalse(outcome.out().contains("not drawn") || outcome.out().contains("could not be drawn"), outcome.out());

        List<FeaturePerturbationMetrics> attacks = RunMetrics.read(run.resolve("metrics.json")).robustness()
                .featurePerturbations();
        assertEquals(List.of("FGSM", "PGD", "FMN"), attacks.stream().map(a -> a.attack().replaceAll("-.*", "")).toList(),
                "FGSM and PGD at the reference budget, and the minimum-norm attack");
        String report = Files.readString(run.resolve("report.html"));
        String table = Files.readString(run.resolve("tables/feature-perturbations.csv"));
        for (FeaturePerturbationMetrics attack : attacks) {
            assertEquals(List.of("f1", "f2", "f3", "f4"), attack.features());
            assertEquals("share of the feature's training range", attack.units());
            assertTrue(java.util.Arrays.stream(attack.ranges()).allMatch(r -> r > 0), "the min-max scaling's ranges");
            assertTrue(attack.attacked() > 0 && attack.samples() <= attack.attacked(), attack.attack() + ": " + attack.samples());
            // every misclassified sample is an example here: their mean |change| per feature is the recorded mean
            assertEquals(attack.samples(), attack.examples().size());
            double[] mean = new double[4];
            for (FeaturePerturbationMetrics.Example example : attack.examples()) {
                for (int f = 0; f < 4; f++) {
                    mean[f] += Math.abs(example.perturbation()[f]) / attack.samples();
                }
                assertEquals(4, example.histogram().total(), "one count per feature");
                if (!attack.attack().startsWith("FMN")) { // FGSM and PGD at the reference budget, Linf 0.3
                    assertTrue(java.util.Arrays.stream(example.perturbation()).allMatch(p -> Math.abs(p) <= 0.3 + 1e-6),
                            java.util.Arrays.toString(example.perturbation()));
                }
            }
            if (attack.samples() > 0) {
                assertArrayEquals(attack.meanAbsolute(), mean, 1e-9);
            }
            assertTrue(table.contains(attack.attack()), table);
        }
        try (Stream<Path> figures = Files.list(run.resolve("figures"))) {
            List<String> names = figures.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("features-")).toList();
            long examples = attacks.stream().mapToLong(a -> a.examples().size()).sum();
            long means = attacks.stream().filter(a -> a.samples() > 0).count();
            assertTrue(means > 0 && examples > 0, "some attack succeeded");
            assertEquals(means + examples, names.size(), names.toString());
            for (String name : names) {
                assertTrue(Files.size(run.resolve("figures").resolve(name)) > 1000, name);
                assertTrue(report.contains("figures/" + name), name + " is shown in the report");
            }
        }
        assertTrue(report.contains("mfcc") || report.contains("f1"), "the report names the features");
        assertFalse(Files.exists(run.resolve("tensors/examples.safetensors")), "no spectrogram examples for a tabular model");
    }
}
