package org.advmusic.audio.features;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.advmusic.audio.dsp.ChromaFilterbank;
import org.advmusic.audio.dsp.Framing;
import org.advmusic.audio.dsp.MelFilterbank;
import org.advmusic.audio.dsp.PaddingMode;
import org.advmusic.audio.dsp.PowerSpectrogram;
import org.advmusic.audio.dsp.PowerToDecibels;

/**
 * The GTZAN tabular feature set (the columns of {@code features_30_sec.csv}) for one clip, each
 * frame-wise feature summarised by its mean and population variance over frames, in this order:
 * chroma_stft (power, tuning 0, per-frame max normalisation), rms (2048-sample frames, zero padded),
 * spectral_centroid, spectral_bandwidth (p = 2), rolloff (85 %) on the magnitude STFT,
 * zero_crossing_rate (edge-padded frames, |x| <= 1e-10 counts as 0), tempo (one value, see
 * {@link TempoEstimator}), mfcc1..mfcc20 (orthonormal DCT of the ref-1 dB mel spectrogram).
 * GTZAN's harmony and perceptr columns (HPSS) are not computed. Not thread-safe: one per thread.
 */
public final class TabularFeatures {
    private static final double ROLLOFF_FRACTION = 0.85;
    private static final double ZERO_THRESHOLD = 1e-10;
    private static final List<String> NAMES = names();

    private final FrontEndSettings settings;
    private final Framing framing;
    private final PowerSpectrogram spectrogram;
    private final MelFilterbank filterbank;
    private final ChromaFilterbank chroma;
    private final Mfcc mfcc;
    private final TempoEstimator tempo;
    private final double[] binFrequencies;
    private final float[] ones;

    public TabularFeatures(FrontEndSettings settings) {
        this.settings = settings;
        this.framing = new Framing(settings.fftSize(), settings.hopLength(), settings.center(), PaddingMode.ZERO);
        this.spectrogram = new PowerSpectrogram(framing);
        this.filterbank = settings.filterbank();
        this.chroma = new ChromaFilterbank(settings.sampleRate(), settings.fftSize());
        this.mfcc = new Mfcc(Mfcc.DEFAULT_COEFFICIENTS, settings.melBands());
        this.tempo = new TempoEstimator(settings);
        int bins = spectrogram.bins();
        binFrequencies = new double[bins];
        for (int k = 0; k < bins; k++) {
            binFrequencies[k] = k * (double) settings.sampleRate() / settings.fftSize();
        }
        ones = new float[settings.fftSize()];
        java.util.Arrays.fill(ones, 1f);
    }

    /** The feature names, in output order (53: GTZAN's 57 without harmony_mean/var and perceptr_mean/var). */
    public static List<String> featureNames() {
        return NAMES;
    }

    /**
     * @param clip mono samples at the settings' rate (at least one sample)
     * @return the features in {@link #featureNames()} order
     */
    public float[] compute(float[] clip) {
        FrameValues v = frameValues(clip, true);
        List<Double> out = new ArrayList<>(NAMES.size());
        addMeanAndVariance(out, v.chroma());
        addMeanAndVariance(out, v.rms());
        addMeanAndVariance(out, v.centroid());
        addMeanAndVariance(out, v.bandwidth());
        addMeanAndVariance(out, v.rolloff());
        addMeanAndVariance(out, v.zeroCrossingRate());
        out.add(v.tempo());
        for (double[] row : v.mfcc()) {
            addMeanAndVariance(out, row);
        }
        float[] features = new float[out.size()];
        for (int i = 0; i < features.length; i++) {
            features[i] = out.get(i).floatValue();
        }
        return features;
    }

    /**
     * The frame-wise values the summaries are taken of.
     *
     * @param chroma           (frames * 12) chroma values, frame-major; empty unless requested
     * @param rms              (frames) root mean square
     * @param centroid         (frames) spectral centroid (Hz)
     * @param bandwidth        (frames) spectral bandwidth (Hz)
     * @param rolloff          (frames) 85 % roll-off frequency (Hz)
     * @param zeroCrossingRate (frames) zero-crossing rate
     * @param mfcc             (20, frames) MFCCs
     * @param tempo            estimated tempo (BPM); NaN unless requested
     */
    record FrameValues(double[] chroma, double[] rms, double[] centroid, double[] bandwidth, double[] rolloff,
                       double[] zeroCrossingRate, double[][] mfcc, double tempo) {
    }

    /** The frame-wise values of {@code clip}; chroma and tempo (the costly parts) only when asked for. */
    FrameValues frameValues(float[] clip, boolean chromaAndTempo) {
        if (clip.length == 0) {
            throw new IllegalArgumentException("tabular features of an empty clip");
        }
        int frames = framing.frameCount(clip.length);
        int bins = spectrogram.bins();
        float[] power = new float[bins];
        float[] chromaFrame = new float[ChromaFilterbank.CHROMA];
        float[] mel = new float[settings.melBands() * frames];
        double[] chromaValues = new double[chromaAndTempo ? frames * ChromaFilterbank.CHROMA : 0];
        double[] centroid = new double[frames];
        double[] bandwidth = new double[frames];
        double[] rolloff = new double[frames];
        for (int t = 0; t < frames; t++) {
            spectrogram.framePower(clip, 0, clip.length, t, power);
            if (chromaAndTempo) {
                chroma.apply(power, chromaFrame);
                for (int c = 0; c < chromaFrame.length; c++) {
                    chromaValues[t * chromaFrame.length + c] = chromaFrame[c];
                }
            }
            filterbank.apply(power, mel, t, frames);
            spectralShape(power, t, centroid, bandwidth, rolloff);
        }
        PowerToDecibels.apply(mel, 0, mel.length, 1.0, settings.amin(), settings.topDb());
        float[] coefficients = mfcc.compute(mel, frames);
        double tempoValue = chromaAndTempo ? tempo.tempo(tempo.onsetStrength(mel, settings.melBands(), frames)) : Double.NaN;
        double[][] rows = new double[mfcc.coefficients()][frames];
        for (int k = 0; k < rows.length; k++) {
            for (int t = 0; t < frames; t++) {
                rows[k][t] = coefficients[k * frames + t];
            }
        }
        return new FrameValues(chromaValues, rms(clip, frames), centroid, bandwidth, rolloff,
                zeroCrossingRate(clip, frames), rows, tempoValue);
    }

    /** Centroid, bandwidth (p = 2) and 85 % roll-off of the magnitude spectrum of frame t. */
    private void spectralShape(float[] power, int t, double[] centroid, double[] bandwidth, double[] rolloff) {
        double total = 0;
        double weighted = 0;
        for (int k = 0; k < power.length; k++) {
            double magnitude = Math.sqrt(power[k]);
            total += magnitude;
            weighted += magnitude * binFrequencies[k];
        }
        if (total <= Double.MIN_NORMAL) { // silence: librosa leaves the frame unnormalised (all zero)
            centroid[t] = 0;
            bandwidth[t] = 0;
            rolloff[t] = 0;
            return;
        }
        double c = weighted / total;
        double spread = 0;
        double cumulative = 0;
        double threshold = ROLLOFF_FRACTION * total;
        double rolloffFrequency = -1;
        for (int k = 0; k < power.length; k++) {
            double magnitude = Math.sqrt(power[k]);
            double deviation = binFrequencies[k] - c;
            spread += magnitude / total * deviation * deviation;
            cumulative += magnitude;
            if (rolloffFrequency < 0 && cumulative >= threshold) {
                rolloffFrequency = binFrequencies[k];
            }
        }
        centroid[t] = c;
        bandwidth[t] = Math.sqrt(spread);
        rolloff[t] = Math.max(0, rolloffFrequency);
    }

    /** librosa {@code feature.rms}: sqrt(mean(x^2)) over zero-padded centred frames. */
    private double[] rms(float[] clip, int frames) {
        float[] frame = new float[settings.fftSize()];
        double[] rms = new double[frames];
        for (int t = 0; t < frames; t++) {
            framing.frame(clip, 0, clip.length, t, ones, frame);
            double sum = 0;
            for (float x : frame) {
                sum += (double) x * x;
            }
            rms[t] = Math.sqrt(sum / frame.length);
        }
        return rms;
    }

    /** librosa {@code feature.zero_crossing_rate}: sign changes per sample in edge-padded centred frames. */
    private double[] zeroCrossingRate(float[] clip, int frames) {
        int length = settings.fftSize();
        int shift = settings.center() ? length / 2 : 0;
        double[] rate = new double[frames];
        for (int t = 0; t < frames; t++) {
            int start = t * settings.hopLength() - shift;
            int crossings = 0;
            boolean previous = negative(clip, start);
            for (int j = 1; j < length; j++) {
                boolean current = negative(clip, start + j);
                if (current != previous) {
                    crossings++;
                }
                previous = current;
            }
            rate[t] = crossings / (double) length;
        }
        return rate;
    }

    /** The sign bit of the edge-padded sample, with |x| <= 1e-10 counted as +0. */
    private static boolean negative(float[] clip, int index) {
        float x = clip[Math.max(0, Math.min(clip.length - 1, index))];
        return x < -ZERO_THRESHOLD;
    }

    private static void addMeanAndVariance(List<Double> out, double[] values) {
        double mean = mean(values);
        double variance = 0;
        for (double value : values) {
            double d = value - mean;
            variance += d * d;
        }
        out.add(mean);
        out.add(variance / values.length);
    }

    /** The arithmetic mean of {@code values}. */
    static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    private static List<String> names() {
        List<String> names = new ArrayList<>();
        for (String base : List.of("chroma_stft", "rms", "spectral_centroid", "spectral_bandwidth", "rolloff",
                "zero_crossing_rate")) {
            names.add(base + "_mean");
            names.add(base + "_var");
        }
        names.add("tempo");
        for (int k = 1; k <= Mfcc.DEFAULT_COEFFICIENTS; k++) {
            names.add("mfcc" + k + "_mean");
            names.add("mfcc" + k + "_var");
        }
        return Collections.unmodifiableList(names);
    }
}
