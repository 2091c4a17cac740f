package org.advmusic.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.advmusic.experiments.results.MalformedResultsException;
import org.advmusic.experiments.results.RobustnessMetrics;
import org.advmusic.experiments.results.RunMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A malformed metrics.json stops the report with the file and the field that is wrong. */
class MetricsValidationTest {
    @TempDir
    Path run;

    private MalformedResultsException reportOn(String metrics) throws IOException {
        Files.writeString(run.resolve("metrics.json"), metrics);
        return assertThrows(MalformedResultsException.class, () -> ReportWriter.write(run));
    }

    @Test
    void aNumberWrittenAsTextNamesItsField() throws IOException {
        String metrics = "{\"robustness\": {\"reports\": [{\"attack\": \"FGSM\", \"threat_model\": {\"norm\": \"Linf\", "
                + "\"epsilon\": 0.01}, \"samples\": 3, \"clean_accuracy\": 0.5, \"robust_accuracy\": \"high\"}]}}";
        MalformedResultsException e = reportOn(metrics);
        assertEquals("robustness.reports[0].robust_accuracy", e.field());
        assertEquals(run.resolve("metrics.json"), e.file());
        assertTrue(e.getMessage().contains(run.resolve("metrics.json").toString()) && e.getMessage().contains("\"high\""),
                e.getMessage());
    }

    @Test
    void aMissingRequiredFieldNamesIt() throws IOException {
        MalformedResultsException e = reportOn("{\"models\": [{\"description\": \"no name\"}]}");
        assertEquals("models[0].name", e.field());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void anAccuracyOutsideZeroToOneIsRejected() throws IOException {
        MalformedResultsException e = reportOn("{\"models\": [{\"name\": \"m\", \"clean\": {\"clip_accuracy\": 81}}]}");
        assertEquals("models[0].clean.clip_accuracy", e.field());
        assertTrue(e.getMessage().contains("[0, 1]"), e.getMessage());
    }

    @Test
    void aConfusionMatrixMustMatchTheClasses() throws IOException {
        MalformedResultsException e = reportOn("{\"data\": {\"classes\": [\"a\", \"b\"]}, \"models\": [{\"name\": \"m\", "
                + "\"clean\": {\"clip_accuracy\": 0.5, \"confusion\": [[1, 0, 0], [0, 1, 0], [0, 0, 1]]}}]}");
        assertEquals("models[0].clean.confusion", e.field());
    }

    @Test
    void aClassNameWithSpacesIsQuotedInTheFieldPath() throws IOException {
        MalformedResultsException e = reportOn("{\"models\": [{\"name\": \"m\", \"clean\": {\"clip_accuracy\": 0.5, "
                + "\"per_class\": {\"hip hop\": {\"accuracy\": true}}}}]}");
        assertEquals("models[0].clean.per_class[\"hip hop\"].accuracy", e.field());
    }

    @Test
    void aWrongVerdictIsRejected() throws IOException {
        MalformedResultsException e = reportOn("{\"checklists\": [{\"model\": \"m\", \"items\": [{\"check\": \"c\", "
                + "\"verdict\": \"OK\"}]}]}");
        assertEquals("checklists[0].items[0].verdict", e.field());
    }

    @Test
    void invalidJsonAndAMissingFileNameTheFile() throws IOException {
        MalformedResultsException invalid = reportOn("{\"run\": {\"name\": }");
        assertEquals("", invalid.field());
        String message = invalid.getMessage();
        assertTrue(message.startsWith(run.resolve("metrics.json").toString()) && message.contains("line 1"),
                invalid.getMessage());
        Files.delete(run.resolve("metrics.json"));
        MalformedResultsException missing = assertThrows(MalformedResultsException.class, () -> ReportWriter.write(run));
        assertTrue(missing.getMessage().contains("file not found"), missing.getMessage());
    }

    @Test
    void aNullBudgetIsAnUnboundedMinimumNormAttack() throws IOException {
        Files.writeString(run.resolve("metrics.json"), "{\"robustness\": {\"reports\": [{\"attack\": \"FMN-Linf\", "
                + "\"threat_model\": {\"norm\": \"Linf\", \"epsilon\": null, \"box_lower\": 0.0, \"box_upper\": 1.0, "
                + "\"goal\": \"untargeted\"}, \"samples\": 3, \"clean_accuracy\": 0.5, \"robust_accuracy\": null}]}}");
        RobustnessMetrics.AttackReport report = RunMetrics.read(run.resolve("metrics.json")).robustness().reports().get(0);
        assertEquals("Linf eps=unbounded box [0, 1] untargeted", report.threatModel().describe());
        assertTrue(Double.isNaN(report.robustAccuracy()));
        assertTrue(Files.readString(ReportWriter.write(run).report()).contains("eps=unbounded"));
    }

    @Test
    void nullAndNaNNumbersReadAsAbsent() throws IOException {
        Files.writeString(run.resolve("metrics.json"), "{\"models\": [{\"name\": \"m\", \"clean\": {\"clip_accuracy\": 0.5, "
                + "\"macro_f1\": null, \"song_accuracy_majority\": \"NaN\"}}]}");
        RunMetrics metrics = RunMetrics.read(run.resolve("metrics.json"));
        assertTrue(Double.isNaN(metrics.models().get(0).clean().macroF1()));
        assertTrue(Double.isNaN(metrics.models().get(0).clean().songAccuracyMajority()));
        assertEquals(1, ReportWriter.write(run).tables().size(), "Table 1 alone");
    }
}
