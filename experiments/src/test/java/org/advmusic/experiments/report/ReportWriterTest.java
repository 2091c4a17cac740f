package org.advmusic.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.advmusic.engine.io.Safetensors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renders synthetic run directories and checks the files, the links and the HTML. */
class ReportWriterTest {
    private static final Pattern LINK = Pattern.compile("(?:src|href)=\"([^\"]*)\"");

    @TempDir
    static Path fullRun;
    static ReportSummary full;
    static String fullHtml;

    @BeforeAll
    static void renderFullRun() throws IOException {
        System.setProperty("java.awt.headless", "true");
        SyntheticRun.writeFull(fullRun);
        full = ReportWriter.write(fullRun);
        fullHtml = Files.readString(full.report(), StandardCharsets.UTF_8);
    }

    @Test
    void fullRunWritesEveryFigureAsAValidPng() throws IOException {
        assertEquals(List.of(), full.problems(), "a complete run renders without problems");
        Set<String> names = full.figures().stream().map(path -> path.getFileName().toString()).collect(Collectors.toSet());
        for (String expected : List.of("training-baseline.png", "training-adversarial-mixed.png", "per-class-clean.png",
                "confusion-clean-baseline.png", "confusion-clean-adversarial-mixed.png", "per-class-fgsm.png",
                "per-class-pgd-linf.png", "confusion-pgd-linf-eps-0.03.png", "robustness-linf.png", "robustness-l2.png",
                "minimal-norms-fmn-linf.png", "example-0-fgsm.png", "example-1-pgd.png", "perturbation-fgsm.png",
                "perturbation-pgd.png", "defenses-pgd-10.png", "defenses-fgsm.png", "detector-roc.png", "gradcam-0.png",
                "gradcam-1.png")) {
            assertTrue(names.contains(expected), expected + " is among the figures " + names);
        }
        for (Path figure : full.figures()) {
            assertTrue(figure.startsWith(fullRun.resolve("figures")), figure + " lies in figures/");
            BufferedImage image = ImageIO.read(figure.toFile());
            assertNotNull(image, figure + " is a PNG that ImageIO reads");
            assertTrue(image.getWidth() >= 300 && image.getHeight() >= 200, figure + " is legible: " + image.getWidth()
                    + " x " + image.getHeight());
        }
    }

    @Test
    void fullRunWritesEveryTableAsCsvWithAHeader() throws IOException {
        Set<String> names = full.tables().stream().map(path -> path.getFileName().toString()).collect(Collectors.toSet());
        assertEquals(Set.of("data-splits.csv", "data-problems.csv", "table1-clean-accuracy.csv",
                "table2-baseline-robustness.csv", "table3-defenses-clean.csv", "table4-defenses-under-attack.csv",
                "table6-best-defense.csv", "detectors.csv", "sanity-checklist.csv", "attention-shift.csv",
                "gradcam-faithfulness.csv"), names);
        for (Path table : full.tables()) {
            List<List<String>> rows = CsvTest.parse(Files.readString(table, StandardCharsets.UTF_8));
            assertTrue(rows.size() >= 2, table + " has a header and at least one row");
            for (List<String> row : rows) {
                assertEquals(rows.get(0).size(), row.size(), table + ": every row as wide as the header");
            }
        }
    }

    @Test
    void table4PutsTheKindBesideEveryNumber() throws IOException {
        List<List<String>> rows = CsvTest.parse(Files.readString(fullRun.resolve("tables/table4-defenses-under-attack.csv")));
        assertEquals(List.of("model", "kind", "adaptive", "PGD-10 eps=0.01", "PGD-10 eps=0.03", "FGSM eps=0.01"), rows.get(0));
        assertEquals(List.of("squeezing", "naive (gradients blocked by the transform)", "false", "0.6", "", ""), rows.get(2));
        assertEquals(List.of("squeezing", "adaptive (BPDA through the transform)", "true", "0.25", "0.1", ""), rows.get(3));
    }

    @Test
    void csvKeepsQuotedClassNamesAndFullPrecision() throws IOException {
        String text = Files.readString(fullRun.resolve("tables/attention-shift.csv"));
        List<List<String>> rows = CsvTest.parse(text);
        assertEquals(List.of("FGSM", "white-box, Linf eps=0.01 box [0.0, 1.0] untargeted", "all classes (mean)", "0.41", "0.37",
                "5.2"), rows.get(1));
        List<List<String>> table1 = CsvTest.parse(Files.readString(fullRun.resolve("tables/table1-clean-accuracy.csv")));
        assertEquals("", table1.get(1).get(5), "a null number (majority-vote song accuracy) is an empty field");
        assertTrue(Files.readString(fullRun.resolve("tables/data-problems.csv")).contains("not a RIFF file"));
    }

    @Test
    void reportLinksOnlyToFilesInsideTheRunDirectory() {
        List<String> links = links(fullHtml);
        assertTrue(links.size() > 25, "the report links its figures, tables and audio: " + links.size());
        assertLinksExist(fullRun, fullHtml);
        assertTrue(links.contains("audio/sample%200%20pgd.wav"), "a path with spaces is percent-encoded: " + links);
        assertTrue(links.contains("checkpoints/baseline/model.json"));
    }

    @Test
    void reportIsSelfContainedAndEscapesTextFromTheResults() {
        assertFalse(fullHtml.contains("<script"), "no script");
        assertFalse(fullHtml.contains("http://") || fullHtml.contains("https://"), "no network address");
        assertFalse(fullHtml.contains("<soul>") || fullHtml.contains("<b>not bold</b>"), "text from the results is escaped");
        assertTrue(fullHtml.contains("r&amp;b &lt;soul&gt;"));
        assertTrue(fullHtml.contains("&lt;b&gt;not bold&lt;/b&gt;"), "the resolved config is shown, escaped");
    }

    @Test
    void reportShowsWarningsThreatModelsAndAdaptiveLabels() {
        assertTrue(fullHtml.contains("<tr class=\"warn\">"), "a WARN row is highlighted");
        assertTrue(fullHtml.contains("1 WARN or INCONCLUSIVE item"), "the run summary points at the WARN");
        assertTrue(fullHtml.contains("catastrophic overfitting?"), "training warnings are shown");
        assertTrue(fullHtml.contains("naive (gradients blocked by the transform)"));
        assertTrue(fullHtml.contains("adaptive (BPDA through the transform)"));
        assertTrue(fullHtml.contains("PGD-Linf (white-box): Linf eps=0.03 box [0, 1] untargeted"),
                "Table 2's threat models are listed with their access");
        assertTrue(fullHtml.contains("SNR 24.10 dB"));
        for (Section section : Section.values()) {
            if (section == Section.INSTRUMENTS) {
                continue; // shown only for instrument-study runs (InstrumentsDemoTest checks it)
            }
            assertTrue(fullHtml.contains("<section id=\"" + section.anchor() + "\">"), section + " is shown");
        }
    }

    @Test
    void runWithOnlyTrainingGivesASmallerReportWithoutProblems(@TempDir Path run) throws IOException {
        SyntheticRun.writeTrainingOnly(run);
        ReportSummary summary = ReportWriter.write(run);
        String html = Files.readString(summary.report());
        assertEquals(List.of(), summary.problems());
        assertEquals(Set.of("training-baseline.png", "per-class-clean.png", "confusion-clean-baseline.png"),
                summary.figures().stream().map(path -> path.getFileName().toString()).collect(Collectors.toSet()));
        assertEquals(3, summary.tables().size(), "data splits, data problems and Table 1");
        for (Section absent : List.of(Section.ROBUSTNESS, Section.EXAMPLES, Section.DEFENSES, Section.CHECKLISTS,
                Section.GRADCAM, Section.AUDIO, Section.CONFIG)) {
            assertFalse(html.contains("id=\"" + absent.anchor() + "\""), absent + " is left out");
        }
        assertLinksExist(run, html);
        assertTrue(html.length() < fullHtml.length() / 2);
    }

    @Test
    void rebuildingReplacesTheFiguresOfAnEarlierReport(@TempDir Path run) throws IOException {
        SyntheticRun.writeTrainingOnly(run);
        Files.createDirectories(run.resolve("figures"));
        Files.writeString(run.resolve("figures/stale.png"), "left by an earlier report");
        ReportWriter.write(run);
        assertFalse(Files.exists(run.resolve("figures/stale.png")));
    }

    @Test
    void badTensorsAndMissingAudioAreReportedWithoutStoppingTheReport(@TempDir Path run) throws IOException {
        SyntheticRun.writeFull(run);
        Files.write(run.resolve("tensors/examples.safetensors"), new byte[] {1, 2, 3});
        Safetensors.write(run.resolve("tensors/gradcam.safetensors"), Map.of("inputs", SyntheticRun.tensor(new double[12], 12)),
                Map.of());
        Files.delete(run.resolve("audio/sample 0 pgd.wav"));
        ReportSummary summary = ReportWriter.write(run);
        String problems = String.join("\n", summary.problems());
        assertTrue(problems.contains("examples.safetensors"), problems);
        assertTrue(problems.contains("gradcam.safetensors") && problems.contains("tensor 'inputs'")
                && problems.contains("(12,)"), problems);
        assertTrue(problems.contains("audio[0].adversarial"), problems);
        String html = Files.readString(summary.report());
        assertTrue(html.contains("Problems met while rendering this report"));
        assertTrue(html.contains("file missing"));
        assertLinksExist(run, html);
        assertTrue(summary.figures().stream().anyMatch(f -> f.getFileName().toString().equals("robustness-linf.png")),
                "the other figures are still drawn");
    }

    /** Every src and href of {@code html} (except in-page anchors) names an existing file inside {@code run}. */
    static void assertLinksExist(Path run, String html) {
        for (String link : links(html)) {
            if (link.startsWith("#")) {
                continue;
            }
            String path = URI.create(link.replace("&amp;", "&")).getPath();
            assertFalse(link.contains(":") || path.startsWith("/") || path.contains(".."), "relative link: " + link);
            assertTrue(Files.isRegularFile(run.resolve(path)), "the link " + link + " names an existing file");
        }
    }

    static List<String> links(String html) {
        List<String> out = new ArrayList<>();
        Matcher matcher = LINK.matcher(html);
        while (matcher.find()) {
            out.add(matcher.group(1));
        }
        return out;
    }
}
