package org.advmusic.experiments.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.advmusic.attacks.waveform.ConfidenceMaximizer;
import org.advmusic.attacks.waveform.FeatureSpaceTarget;
import org.advmusic.attacks.waveform.SpectralEnvelopeSignal;
import org.advmusic.audio.Parallel;
import org.advmusic.audio.features.InstrumentFeatures;
import org.advmusic.audio.io.WavEncoding;
import org.advmusic.audio.io.WavWriter;
import org.advmusic.audio.synth.SyntheticInstruments;
import org.advmusic.audio.waveform.AudioBudget;
import org.advmusic.audio.waveform.Pcm16;
import org.advmusic.engine.Backends;
import org.advmusic.experiments.config.InstrumentsConfig;
import org.advmusic.experiments.results.InstrumentResults;
import org.advmusic.nn.svm.SvcCheckpoint;
import org.advmusic.nn.svm.SvcDecisionClassifier;
import org.advmusic.nn.svm.SvcModel;

/**
 * Per class, a 3 s signal (from silence or noise) that the SVC classifies as that class with a high
 * decision value, within a peak budget, written as a 16-bit WAV ({@code audio/confidence/<class>.wav}).
 * The aim is a point of the standardised feature space of high margin for the class
 * ({@link FeatureSpaceTarget}: the class's support vector of highest margin, then white-box ascent on
 * the SVC's differentiable decision function within 0.5 standard deviations of it and within the
 * range of all support vectors); {@link ConfidenceMaximizer} then shapes a {@link SpectralEnvelopeSignal}
 * (noise and partials under a 24-point mel-spaced envelope) so that its features (the real pipeline:
 * 16-bit grid, 25 features, scaler) approach that point, and polishes on the margin. Every number
 * reported comes from the written file read back as the loader reads it (file -> features -> scaler
 * -> SVC).
 */
final class InstrumentConfidence {
    /** Linf radius (training standard deviations) and steps of the ascent from the best support vector. */
    private static final double AIM_RADIUS = 0.5;
    private static final int AIM_STEPS = 20;
    private static final int ENVELOPE_POINTS = 24;

    private InstrumentConfidence() {
    }

    static List<InstrumentResults.Confidence> run(InstrumentsConfig config, SvcCheckpoint checkpoint, int threads,
                                                  long seed, RunDirectory run) {
        InstrumentsConfig.ConfidenceConfig c = config.confidence();
        if (!c.enabled()) {
            return List.of();
        }
        int samples = (int) Math.round(SyntheticInstruments.SECONDS * config.sampleRate());
        System.out.printf("instruments: confidence maximisation for %d classes (from %s, peak <= %.1f dBFS, %d queries)%n",
                checkpoint.classNames().size(), c.start(), c.peakDbfs(), c.queryBudget());
        SvcModel model = checkpoint.model();
        double[][] box = supportRange(model);
        List<Integer> classes = IntStream.range(0, checkpoint.classNames().size()).boxed().toList();
        return Parallel.map(classes, threads, cls -> {
            float[] start = new float[samples];
            if (c.start().equals("noise")) {
                SplittableRandom random = new SplittableRandom(seed + cls);
                double amplitude = Math.pow(10, -40 / 20.0);
                for (int i = 0; i < samples; i++) {
                    start[i] = (float) (amplitude * (2 * random.nextDouble() - 1));
                }
            }
            start = Pcm16.quantize(start);
            int[] starts = model.classStarts();
            FeatureSpaceTarget.Result aim = FeatureSpaceTarget.find(new SvcDecisionClassifier(model, Backends.reference()),
                    Arrays.copyOfRange(model.supportVectors(), starts[cls], starts[cls + 1]), cls, box[0], box[1],
                    AIM_RADIUS, AIM_STEPS);
            InstrumentFeatures features = new InstrumentFeatures(config.sampleRate());
            SpectralEnvelopeSignal signal = new SpectralEnvelopeSignal(samples, config.sampleRate(), ENVELOPE_POINTS,
                    23L + cls);
            ConfidenceMaximizer.Outcome outcome = new ConfidenceMaximizer(signal, c.peakDbfs(), c.queryBudget(),
                    c.offspring(), seed * 31 + cls).run(start, cls, aim.point(),
                    waveform -> checkpoint.scaler().apply(features.compute(Pcm16.quantize(waveform))),
                    model::decisionFunction);
            String name = checkpoint.classNames().get(cls);
            String wav = "audio/confidence/" + name + ".wav";
            try {
                Path file = run.file(wav);
                float[] written = Pcm16.quantize(outcome.waveform());
                WavWriter.write(file, new float[][] {written, written}, config.sampleRate(), WavEncoding.PCM_16);
                // every reported number: the file read back as the loader reads it -> features -> scaler -> SVC
                float[] readBack = InstrumentStudy.readAsLoaded(file, config.sampleRate());
                double[] z = checkpoint.scaler().apply(features.compute(readBack));
                double[] scores = model.decisionFunction(z);
                double[] startScores = model.decisionFunction(checkpoint.scaler().apply(features.compute(start)));
                return new InstrumentResults.Confidence(name, c.start(), startScores[cls], ConfidenceMaximizer.margin(startScores, cls),
                        aim.margin(), scores[cls], ConfidenceMaximizer.margin(scores, cls), distance(z, aim.point()),
                        AudioBudget.peakDbfs(AudioBudget.linf(readBack)), checkpoint.classNames().get(model.predictPosition(z)),
                        outcome.queries(), wav);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** (2, F) the smallest and largest value of each feature over all support vectors (standardised). */
    static double[][] supportRange(SvcModel model) {
        int features = model.featureCount();
        double[] lower = new double[features];
        double[] upper = new double[features];
        Arrays.fill(lower, Double.POSITIVE_INFINITY);
        Arrays.fill(upper, Double.NEGATIVE_INFINITY);
        for (double[] v : model.supportVectors()) {
            for (int f = 0; f < features; f++) {
                lower[f] = Math.min(lower[f], v[f]);
                upper[f] = Math.max(upper[f], v[f]);
            }
        }
        return new double[][] {lower, upper};
    }

    private static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(sum);
    }
}
