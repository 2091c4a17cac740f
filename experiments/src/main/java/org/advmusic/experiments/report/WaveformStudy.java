package org.advmusic.experiments.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.advmusic.audio.features.FrontEndSettings;
import org.advmusic.audio.features.MelSpectrogram;
import org.advmusic.audio.io.WavReader;
import org.advmusic.experiments.report.Table.Style;
import org.advmusic.experiments.results.AudioBudgets;
import org.advmusic.experiments.results.AudioExample;
import org.knowm.xchart.XYChart;

/**
 * The waveform study's tables and curves (section Audio), from its per-track entries: each track's
 * verified waveform PGD, its minimal SNR and peak from the minimum-norm attacks, and the run's
 * input-domain attack on the same track.
 */
final class WaveformStudy {
    private WaveformStudy() {
    }

    /** The tracks that were attacked (correctly classified, long enough). */
    static List<AudioExample> attacked(List<AudioExample> audio) {
        return audio.stream().filter(a -> a.succeeded() != null).toList();
    }

    /** Per track: every outcome of the study. */
    static Table tracks(List<AudioExample> audio) {
        Table.Builder table = Table.builder(Section.AUDIO, "waveform-tracks", "Waveform study: every track")
                .note("The waveform attack's own verdict (after 16-bit quantisation, inside its loop) beside the prediction "
                        + "of the pipeline on the written file read back. SNR and peak of the written perturbation; input "
                        + "Linf: the largest change of the log-mel model input it caused. Minimal SNR / peak: where a "
                        + "minimum-norm attack first fooled the track.")
                .column("track", Style.TEXT).column("attack", Style.TEXT).column("attack's verdict", Style.TEXT)
                .column("re-analysed prediction", Style.TEXT).column("adversarial file", Style.TEXT)
                .column("SNR (dB)", Style.NUMBER).column("peak (dBFS)", Style.NUMBER).column("input Linf (dB)", Style.NUMBER)
                .column("minimal SNR (dB)", Style.NUMBER).column("minimal peak (dBFS)", Style.NUMBER)
                .column("input-domain attack succeeded", Style.TEXT).column("note", Style.TEXT);
        for (AudioExample a : audio) {
            table.row(a.label(), a.attack(), a.succeeded() == null ? null : a.succeeded() ? "adversarial" : "failed",
                    a.reanalysedPrediction(), a.adversarial() == null ? "none (not verified)" : a.adversarial(), a.snrDb(),
                    a.peakDbfs(), a.inputLinfDb(), a.minimalSnrDb(), a.minimalPeakDbfs(),
                    a.inputDomainSucceeded() == null ? null : a.inputDomainSucceeded() ? "yes" : "no",
                    a.succeeded() == null ? a.method() : null);
        }
        return table.build();
    }

    /** Input-domain attack against waveform attacks on the same tracks and model. */
    static Table comparison(List<AudioExample> audio) {
        List<AudioExample> attacked = attacked(audio);
        Table.Builder table = Table.builder(Section.AUDIO, "waveform-vs-input-domain",
                        "Input-domain attack against waveform attacks, same tracks and model")
                .note("Success: share of the attacked tracks whose song-level prediction changed (waveform PGD: only files "
                        + "the pipeline misclassifies on re-analysis count). An input-domain attack has no waveform, so no SNR. "
                        + "Medians over successful tracks.")
                .column("attack", Style.TEXT).column("domain", Style.TEXT).column("tracks", Style.NUMBER)
                .column("success", Style.FRACTION).column("median SNR (dB)", Style.NUMBER)
                .column("median peak (dBFS)", Style.NUMBER).column("median input Linf (dB)", Style.NUMBER);
        if (attacked.isEmpty()) {
            return table.build();
        }
        int n = attacked.size();
        List<AudioExample> inputDomain = attacked.stream().filter(a -> Boolean.TRUE.equals(a.inputDomainSucceeded())).toList();
        table.row("PGD at the run's reference budget", "log-mel input", n, inputDomain.size() / (double) n, Double.NaN,
                Double.NaN, median(inputDomain, AudioExample::inputDomainLinfDb));
        List<AudioExample> verified = attacked.stream().filter(a -> a.adversarial() != null).toList();
        table.row(attacked.get(0).attack() + ", 16-bit, re-analysed", "waveform", n, verified.size() / (double) n,
                median(verified, AudioExample::snrDb), median(verified, AudioExample::peakDbfs),
                median(verified, AudioExample::inputLinfDb));
        List<AudioExample> l2 = attacked.stream().filter(a -> !Double.isNaN(a.minimalSnrDb())).toList();
        table.row("minimum-norm L2 (minimal SNR)", "waveform", n, l2.size() / (double) n, median(l2, AudioExample::minimalSnrDb),
                Double.NaN, Double.NaN);
        List<AudioExample> linf = attacked.stream().filter(a -> !Double.isNaN(a.minimalPeakDbfs())).toList();
        table.row("minimum-norm Linf (minimal peak)", "waveform", n, linf.size() / (double) n, Double.NaN,
                median(linf, AudioExample::minimalPeakDbfs), Double.NaN);
        return table.build();
    }

    /**
     * Success against the SNR budget and against the peak budget (the run's {@code audio_budgets}: success
     * at an SNR S when the minimal L2 perturbation's SNR is at least S, at a peak P when the minimal Linf
     * perturbation's peak is at most P), read off the minimal perturbations.
     */
    static void write(ReportContext context) throws IOException {
        List<AudioExample> attacked = attacked(context.metrics().audio());
        if (attacked.isEmpty()) {
            return;
        }
        perturbationSpectrograms(context);
        AudioBudgets budgets = context.metrics().audioBudgets();
        if (budgets == null) {
            context.problem("metrics.json has waveform-study tracks but no audio_budgets (written by an older version);"
                    + " run gradcam again for the robustness curves");
            return;
        }
        double[] snrBudgets = budgets.snrBudgetsDb();
        double[] peakBudgets = budgets.peakBudgetsDbfs();
        XYChart snr = Charts.lineChart("Waveform attacks: success against the SNR budget", "SNR budget (dB)",
                "tracks fooled");
        Charts.accuracyAxis(snr.getStyler());
        double[] bySnr = Arrays.stream(snrBudgets).map(s -> share(attacked, a -> a.minimalSnrDb() >= s)).toArray();
        Charts.plain(Charts.addLine(snr, "minimum-norm L2", snrBudgets, bySnr));
        XYChart peak = Charts.lineChart("Waveform attacks: success against the peak budget", "peak budget (dBFS)",
                "tracks fooled");
        Charts.accuracyAxis(peak.getStyler());
        double[] byPeak = Arrays.stream(peakBudgets).map(p -> share(attacked, a -> a.minimalPeakDbfs() <= p)).toArray();
        Charts.plain(Charts.addLine(peak, "minimum-norm Linf", peakBudgets, byPeak));
        context.figure(Section.AUDIO, "waveform robustness", "Share of the " + attacked.size() + " attacked tracks fooled "
                        + "in the waveform at each budget, from each track's smallest successful perturbation (left: L2 as SNR "
                        + "against the clean track; right: Linf as peak level in dBFS).", null,
                file -> Charts.writeGrid(List.of(snr, peak), 2, file));
    }

    /**
     * The log-mel spectrogram (dB, power 1 = 0 dB) of each perturbation file as written (before its
     * audible gain is undone: the picture shows where in time and frequency the attack put energy).
     */
    static void perturbationSpectrograms(ReportContext context) throws IOException {
        List<AudioExample> audio = context.metrics().audio();
        FrontEndSettings settings = FrontEndSettings.librosaDefaults();
        for (int i = 0; i < audio.size(); i++) {
            AudioExample a = audio.get(i);
            if (a.perturbation() == null) {
                continue;
            }
            Path file = context.runDirectory().resolve(a.perturbation());
            if (!Files.isRegularFile(file)) {
                context.problem("metrics.json audio[" + i + "].perturbation: " + a.perturbation() + " is missing");
                continue;
            }
            float[] logMel = new MelSpectrogram(settings).logMel(WavReader.readMono(file, settings.sampleRate()));
            int frames = logMel.length / settings.melBands();
            double max = Double.NEGATIVE_INFINITY;
            double[] values = new double[logMel.length]; // row 0 (the lowest band) is drawn at the bottom
            for (int v = 0; v < logMel.length; v++) {
                values[v] = logMel[v];
                max = Math.max(max, logMel[v]);
            }
            double top = max;
            HeatmapPanel panel = new HeatmapPanel("perturbation (amplified by " + Format.decibels(a.perturbationGainDb()) + ")",
                    new HeatmapPanel.Layer(new Grid(settings.melBands(), frames, values), ColorMap.VIRIDIS, top - 80, top, 1),
                    null, "dB", v -> Format.number(v));
            String title = a.label() + ": the waveform perturbation's log-mel spectrogram";
            context.figure(Section.AUDIO, "waveform perturbation " + i, title, "perturbation spectrograms",
                    figure -> HeatmapFigure.write(figure, title, "time frame", "mel band", List.of(panel)));
        }
    }

    private static double share(List<AudioExample> tracks, Predicate<AudioExample> fooled) {
        return tracks.stream().filter(fooled).count() / (double) tracks.size();
    }

    private static double median(List<AudioExample> tracks, ToDoubleFunction<AudioExample> value) {
        double[] v = tracks.stream().mapToDouble(value).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
