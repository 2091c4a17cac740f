package org.advmusic.experiments.pipeline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.advmusic.attacks.AttackResult;
import org.advmusic.attacks.Norm;
import org.advmusic.attacks.Pgd;
import org.advmusic.attacks.Targeting;
import org.advmusic.attacks.ThreatModel;
import org.advmusic.audio.dsp.ComplexSpectrogram;
import org.advmusic.audio.dsp.MelFilterbank;
import org.advmusic.audio.features.FrontEndSettings;
import org.advmusic.audio.io.WavEncoding;
import org.advmusic.audio.io.WavReader;
import org.advmusic.audio.io.WavWriter;
import org.advmusic.experiments.config.ExperimentConfig;
import org.advmusic.nn.Model;
import org.advmusic.nn.train.LabeledData;

/**
 * Listenable versions of adversarial spectrograms: for a few correctly classified test segments, the
 * PGD perturbation of the log-mel input is turned into a gain per mel band and frame
 * ({@code 10^(dB range * (u' - u) / 10)}), spread over the FFT bins through the mel filters, applied
 * to the clean segment's STFT with its original phase, and transformed back. The SNR of the result
 * against the clean segment says how audible the attack is.
 */
public final class AudioStage {
    private AudioStage() {
    }

    public static void run(ExperimentConfig config, PreparedData data, Model model, RunDirectory run) {
        PreparedData.SegmentOrigins origins = data.test().origins();
        if (origins == null || config.audio().examples() == 0) {
            System.out.println("audio: skipped (" + (origins == null ? "the data set has no audio" : "audio.examples is 0") + ")");
            return;
        }
        LabeledData test = data.test().data();
        int[] predicted = org.advmusic.nn.metrics.Metrics.argmaxRows(
                org.advmusic.nn.train.Inference.logits(model, test.inputs(), config.attacks().batchSize()));
        List<Integer> rows = new ArrayList<>();
        int stride = Math.max(1, test.size() / Math.max(1, config.audio().examples()));
        for (int i = 0; i < test.size() && rows.size() < config.audio().examples(); i += stride) {
            if (predicted[i] == test.labels()[i]) {
                rows.add(i);
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        LabeledData samples = test.subset(rows.stream().mapToInt(Integer::intValue).toArray());
        double eps = config.audio().epsilon();
        int steps = config.attacks().pgdSteps();
        ThreatModel tm = new ThreatModel(Norm.LINF, eps, data.box(), Targeting.untargeted());
        model.eval();
        AttackResult attacked = new Pgd(tm, new Pgd.Settings(steps, 2.5 * eps / steps, true, 1, false, config.seed()))
                .run(model, samples.inputs(), samples.labels());
        double[] clean = samples.inputs().toDoubleArray();
        double[] adversarial = attacked.adversarial().toDoubleArray();
        FrontEndSettings frontEnd = FrontEndSettings.librosaDefaults();
        ArrayNode entries = run.metrics().putArray("audio");
        for (int j = 0; j < rows.size(); j++) {
            int i = rows.get(j);
            Path source = origins.root().resolve(origins.sources()[i]);
            float[] track;
            try {
                track = WavReader.readMono(source, frontEnd.sampleRate());
            } catch (IOException e) {
                System.out.println("audio: " + source + " cannot be read (" + e.getMessage() + "); example skipped");
                continue;
            }
            int start = origins.segmentIndices()[i] * origins.segmentSamples();
            float[] segment = java.util.Arrays.copyOfRange(track, start, start + origins.segmentSamples());
            int size = data.inputShape().size();
            float[] perturbed = perturb(segment, clean, adversarial, j * size, data, frontEnd);
            String base = "audio/sample-" + j;
            try {
                WavWriter.write(run.file(base + "-clean.wav"), segment, frontEnd.sampleRate(), WavEncoding.PCM_16);
                WavWriter.write(run.file(base + "-pgd.wav"), clip(perturbed), frontEnd.sampleRate(), WavEncoding.PCM_16);
            } catch (IOException e) {
                throw new UncheckedIOException("audio example cannot be written: " + e.getMessage(), e);
            }
            entries.addObject().put("label", data.classes().get(samples.labels()[j]))
                    .put("clean", base + "-clean.wav").put("adversarial", base + "-pgd.wav")
                    .put("attack", attacked.attack()).put("threat_model", tm.describe())
                    .put("adversarial_prediction", data.classes().get(Math.max(0, attacked.adversarialPredictions()[j])))
                    .put("succeeded", attacked.succeeded(j))
                    .put("snr_db", snr(segment, perturbed)).put("method", "adversarial mel magnitude with the original phase");
        }
        run.saveMetrics();
    }

    /** The segment with its mel-band energies changed as the adversarial input changed them. */
    static float[] perturb(float[] segment, double[] clean, double[] adversarial, int offset, PreparedData data,
                           FrontEndSettings frontEnd) {
        int mels = data.inputShape().dim(1);
        int frames = data.inputShape().dim(2);
        MelFilterbank filterbank = frontEnd.filterbank();
        double[] weights = filterbank.matrix(); // (mels, bins)
        int bins = filterbank.bins();
        ComplexSpectrogram stft = new ComplexSpectrogram(frontEnd.framing());
        float[][] spectrum = stft.forward(segment, 0, segment.length);
        float[] gains = new float[bins];
        for (int t = 0; t < Math.min(frames, spectrum.length); t++) {
            for (int k = 0; k < bins; k++) {
                double weighted = 0;
                double total = 0;
                for (int m = 0; m < mels; m++) {
                    double w = weights[m * bins + k];
                    if (w > 0) {
                        int at = offset + m * frames + t;
                        weighted += w * Math.pow(10, data.decibelsPerUnit() * (adversarial[at] - clean[at]) / 10);
                        total += w;
                    }
                }
                gains[k] = total > 0 ? (float) Math.sqrt(weighted / total) : 1f; // power ratio -> amplitude gain
            }
            ComplexSpectrogram.scaleBins(spectrum[t], gains);
        }
        return stft.inverse(spectrum, segment.length);
    }

    /** {@code 10 log10(sum x^2 / sum (y - x)^2)}. */
    static double snr(float[] clean, float[] perturbed) {
        double signal = 0;
        double noise = 0;
        for (int i = 0; i < clean.length; i++) {
            signal += (double) clean[i] * clean[i];
            double d = perturbed[i] - clean[i];
            noise += d * d;
        }
        return noise == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(signal / noise);
    }

    private static float[] clip(float[] samples) {
        float[] out = samples.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(-1f, Math.min(1f, out[i]));
        }
        return out;
    }
}
