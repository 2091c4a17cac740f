package org.advmusic.experiments.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import org.advmusic.experiments.results.InstrumentResults;

/**
 * The instrument study's part of the report: the search table, the refit model's per-class scores
 * and confusion matrix, every targeted waveform attack, the source x target success matrix, the
 * feature-domain attacks, and players for the kept WAVs.
 */
final class InstrumentReport {
    private InstrumentReport() {
    }

    /** The study's tables (none when the run has no instrument study). */
    static List<Table> tables(InstrumentResults r) {
        List<Table> out = new ArrayList<>();
        if (r == null) {
            return out;
        }
        Table.Builder search = Table.builder(Section.INSTRUMENTS, "svc-search", "Randomized search (RBF SVC)")
                .note(r.search().folds() + "-fold stratified cross-validation accuracy of every candidate, in drawing order")
                .column("rank", Table.Style.NUMBER).column("C", Table.Style.NUMBER).column("gamma", Table.Style.NUMBER)
                .column("mean accuracy", Table.Style.FRACTION).column("std", Table.Style.FRACTION);
        for (int f = 0; f < r.search().folds(); f++) {
            search.column("fold " + (f + 1), Table.Style.FRACTION);
        }
        for (InstrumentResults.Candidate c : r.search().candidates()) {
            List<Object> row = new ArrayList<>(List.of(c.rank(), c.c(), c.gamma(), c.mean(), c.std()));
            for (double a : c.foldAccuracies()) {
                row.add(a);
            }
            search.row(row.toArray());
        }
        out.add(search.build());

        List<String> classes = r.data().classes();
        Table.Builder perClass = Table.builder(Section.INSTRUMENTS, "svc-per-class", "Refit SVC on the test files, per class")
                .note("test accuracy " + Format.percent(r.test().accuracy()) + (r.data().multiLabel()
                        ? " (a prediction counts as correct when it is one of the file's annotated instruments; "
                        + "per-class scores use the first annotated instrument)" : ""))
                .column("class", Table.Style.TEXT).column("precision", Table.Style.FRACTION)
                .column("recall", Table.Style.FRACTION).column("F1", Table.Style.FRACTION);
        for (int c = 0; c < classes.size(); c++) {
            perClass.row(classes.get(c), r.test().precision()[c], r.test().recall()[c], r.test().f1()[c]);
        }
        out.add(perClass.build());

        Table.Builder confusion = Table.builder(Section.INSTRUMENTS, "svc-confusion", "Confusion matrix (rows: true, columns: predicted)")
                .column("true", Table.Style.TEXT);
        classes.forEach(c -> confusion.column(c, Table.Style.NUMBER));
        for (int c = 0; c < classes.size(); c++) {
            List<Object> row = new ArrayList<>(List.of(classes.get(c)));
            for (int k = 0; k < classes.size(); k++) {
                row.add(r.test().confusion()[c][k]);
            }
            confusion.row(row.toArray());
        }
        out.add(confusion.build());

        Table.Builder targeted = Table.builder(Section.INSTRUMENTS, "targeted-success", "Targeted genetic attacks on the waveform")
                .note("success = the written 16-bit WAV, read back as the loader reads it and classified by features -> "
                        + "scaler -> SVC, is the target; SNR and peak are those of the written file against the clean signal")
                .column("representation", Table.Style.TEXT).column("file", Table.Style.TEXT).column("source", Table.Style.TEXT)
                .column("target", Table.Style.TEXT).column("reached in search", Table.Style.TEXT)
                .column("verified success", Table.Style.TEXT).column("file classified as", Table.Style.TEXT)
                .column("queries", Table.Style.NUMBER).column("SNR dB", Table.Style.NUMBER)
                .column("peak dBFS", Table.Style.NUMBER).column("P(target) of file", Table.Style.TEXT);
        for (InstrumentResults.TargetedAttack a : r.targeted()) {
            targeted.row(a.representation(), a.file(), a.source(), a.target(), a.reachedByAttack() ? "yes" : "no",
                    a.verified() ? "yes" : "no", a.verifiedPrediction(), a.queries(), a.snrDb(), a.peakDbfs(),
                    a.targetProbability() == null ? "n/a (no probabilities)"
                            : String.format(Locale.ROOT, "%.3f", a.targetProbability()));
        }
        out.add(targeted.build());
        out.add(matrix(r, classes));

        Table.Builder features = Table.builder(Section.INSTRUMENTS, "feature-attacks", "White-box attacks on the standardised features")
                .note("untargeted, on the correctly classified test files; budgets in training standard deviations")
                .column("attack", Table.Style.TEXT).column("epsilon", Table.Style.NUMBER).column("attacked", Table.Style.NUMBER)
                .column("success rate", Table.Style.FRACTION).column("median norm of successes", Table.Style.NUMBER);
        for (InstrumentResults.FeatureAttack f : r.featureAttacks()) {
            features.row(f.attack(), f.epsilon(), f.attempted(), f.successRate(), f.medianNorm());
        }
        out.add(features.build());

        Table.Builder confidence = Table.builder(Section.INSTRUMENTS, "confidence-maximisation",
                        "Signals made for each class (confidence maximisation)")
                .note("decision value = the class's one-vs-rest SVC decision value, margin = it minus the best other "
                        + "class's; every figure but the aim's is of the written WAV read back (the start's of the start "
                        + "signal); distance = to the aimed point of the standardised feature space")
                .column("class", Table.Style.TEXT).column("start", Table.Style.TEXT)
                .column("start decision value", Table.Style.NUMBER).column("start margin", Table.Style.NUMBER)
                .column("aim margin", Table.Style.NUMBER).column("decision value", Table.Style.NUMBER)
                .column("margin", Table.Style.NUMBER).column("distance to aim", Table.Style.NUMBER)
                .column("peak dBFS", Table.Style.NUMBER).column("file classified as", Table.Style.TEXT)
                .column("queries", Table.Style.NUMBER);
        for (InstrumentResults.Confidence c : r.confidence()) {
            confidence.row(c.cls(), c.start(), c.startScore(), c.startMargin(), c.aimMargin(), c.score(), c.margin(),
                    c.featureDistance(), c.peakDbfs(), c.verifiedPrediction(), c.queries());
        }
        out.add(confidence.build());
        return out;
    }

    /** Verified successes per source (rows) and target (columns), with the median SNR and queries of the successes. */
    private static Table matrix(InstrumentResults r, List<String> classes) {
        Table.Builder matrix = Table.builder(Section.INSTRUMENTS, "targeted-matrix",
                        "Targeted success matrix (verified successes / attacks, all representations)")
                .note(String.format(Locale.ROOT, "median SNR of verified successes %s dB, median queries %s",
                        Format.number(median(r.targeted().stream().filter(InstrumentResults.TargetedAttack::verified)
                                .mapToDouble(InstrumentResults.TargetedAttack::snrDb).toArray())),
                        Format.number(median(r.targeted().stream().filter(InstrumentResults.TargetedAttack::verified)
                                .mapToDouble(InstrumentResults.TargetedAttack::queries).toArray()))))
                .column("source \\ target", Table.Style.TEXT);
        classes.forEach(c -> matrix.column(c, Table.Style.TEXT));
        for (String source : classes) {
            List<Object> row = new ArrayList<>(List.of(source));
            boolean any = false;
            for (String target : classes) {
                long attacks = r.targeted().stream().filter(a -> a.source().equals(source) && a.target().equals(target)).count();
                long wins = r.targeted().stream().filter(a -> a.source().equals(source) && a.target().equals(target)
                        && a.verified()).count();
                any |= attacks > 0;
                row.add(attacks == 0 ? "" : wins + "/" + attacks);
            }
            if (any) {
                matrix.row(row.toArray());
            }
        }
        return matrix.build();
    }

    /** The section's text and players ({@code player} renders one WAV of the run folder). */
    static String body(InstrumentResults r, BiFunction<String, String, String> player) {
        if (r == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("<p>Data: ").append(Html.escape(r.data().source())).append(", ").append(r.data().train())
                .append(" training and ").append(r.data().test()).append(" test files, ").append(r.data().features().size())
                .append(" features z-scored on the training files. Best parameters C ").append(Format.number(r.search().bestC()))
                .append(", gamma ").append(Format.number(r.search().bestGamma())).append(" (cross-validation accuracy ")
                .append(Format.percent(r.search().bestMean())).append(", search ").append(Format.seconds(r.search().seconds()))
                .append(", ").append(r.search().supportVectors()).append(" support vectors); checkpoint <a href=\"")
                .append(Html.link(r.checkpoint())).append("\">").append(Html.escape(r.checkpoint())).append("</a>.</p>\n");
        if (!r.data().problems().isEmpty()) {
            out.append("<div class=\"warn-box\"><strong>Files left out</strong><ul>\n");
            r.data().problems().forEach(p -> out.append("<li>").append(Html.escape(p)).append("</li>\n"));
            out.append("</ul></div>\n");
        }
        for (InstrumentResults.TargetedAttack a : r.targeted()) {
            if (a.cleanWav() == null) {
                continue;
            }
            out.append("<div class=\"audio\">\n<p><strong>").append(Html.escape(a.source() + " -> " + a.target()))
                    .append("</strong> (").append(Html.escape(a.representation())).append(", ")
                    .append(a.verified() ? "verified success" : "not the target: " + Html.escape(a.verifiedPrediction()))
                    .append(String.format(Locale.ROOT, ", SNR %.1f dB, peak %.1f dBFS, %d queries", a.snrDb(), a.peakDbfs(),
                            a.queries()))
                    .append(a.targetProbability() == null ? ""
                            : String.format(Locale.ROOT, ", P(target) %.3f", a.targetProbability()))
                    .append(")</p>\n")
                    .append(player.apply("clean", a.cleanWav())).append(player.apply(a.verified() ? "adversarial" : "attack's output (not adversarial)", a.adversarialWav()))
                    .append(player.apply("perturbation", a.perturbationWav())).append("</div>\n");
        }
        for (InstrumentResults.Confidence c : r.confidence()) {
            out.append("<div class=\"audio\">\n<p><strong>").append(Html.escape("most '" + c.cls() + "'"))
                    .append("</strong> (from ").append(Html.escape(c.start())).append(String.format(Locale.ROOT,
                            ", decision value %.2f, margin %.2f, peak %.1f dBFS, file classified as ", c.score(), c.margin(),
                            c.peakDbfs())).append(Html.escape(c.verifiedPrediction()))
                    .append(")</p>\n").append(player.apply(c.cls(), c.wav())).append("</div>\n");
        }
        return out.toString();
    }

    private static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
