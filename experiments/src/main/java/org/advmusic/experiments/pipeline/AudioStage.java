package org.advmusic.experiments.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.advmusic.attacks.AttackResult;
import org.advmusic.attacks.Pgd;
import org.advmusic.audio.dsp.ComplexSpectrogram;
import org.advmusic.audio.dsp.MelFilterbank;
import org.advmusic.audio.features.FrontEndSettings;
import org.advmusic.audio.io.WavEncoding;
import org.advmusic.audio.io.WavReader;
import org.advmusic.audio.io.WavWriter;
import org.advmusic.experiments.results.AudioExample;
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

    /**
     * Writes {@code audio/sample-K-clean.wav} and {@code -pgd.wav} for up to {@code examples} correctly
     * classified test segments, attacked by PGD at the reference budget in the run's norm; returns
     * their entries (none when the data has no audio).
     */
    public static List<AudioExample> run(TrainingStage.Trained target, PreparedData data, AttackFactory factory, int examples,
                                         int batchSize, RunDirectory run) {
        Model model = target.model();
        PreparedData.SegmentOrigins origins = data.test().origins();
        if (origins == null || examples == 0) {
            System.out.println("audio: skipped (" + (origins == null ? "the data set has no audio" : "audio.examples is 0") + ")");
            return List.of();
        }
        LabeledData test = data.test().data();
        int[] predicted = org.advmusic.nn.metrics.Metrics.argmaxRows(
                org.advmusic.nn.train.Inference.logits(model, test.inputs(), batchSize));
        List<Integer> rows = new ArrayList<>();
        int stride = Math.max(1, test.size() / examples);
        for (int i = 0; i < test.size() && rows.size() < examples; i += stride) {
            if (predicted[i] == test.labels()[i]) {
                rows.add(i);
            }
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        LabeledData samples = test.subset(rows.stream().mapToInt(Integer::intValue).toArray());
        Pgd pgd = factory.pgd(factory.budgets().reference());
        model.eval();
        AttackResult attacked = pgd.run(model, samples.inputs(), samples.labels());
        double[] clean = samples.inputs().toDoubleArray();
        double[] adversarial = attacked.adversarial().toDoubleArray();
        FrontEndSettings frontEnd = origins.frontEnd();
        List<AudioExample> entries = new ArrayList<>();
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
            int prediction = attacked.adversarialPredictions()[j];
            entries.add(new AudioExample(data.classes().get(samples.labels()[j]), base + "-clean.wav", base + "-pgd.wav",
                    attacked.attack(), pgd.threatModel().describe(), prediction < 0 ? "(not finite)" : data.classes().get(prediction),
                    attacked.succeeded(j), snr(segment, perturbed), "adversarial mel magnitude with the original phase",
                    target.checkpoint()));
        }
        return entries;
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
