package org.advmusic.experiments.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.advmusic.attacks.waveform.BandLimitedNoiseBasis;
import org.advmusic.attacks.waveform.ConfidenceMaximizer;
import org.advmusic.audio.Parallel;
import org.advmusic.audio.features.InstrumentFeatures;
import org.advmusic.audio.io.WavEncoding;
import org.advmusic.audio.io.WavWriter;
import org.advmusic.audio.synth.SyntheticInstruments;
import org.advmusic.audio.waveform.Pcm16;
import org.advmusic.experiments.config.InstrumentsConfig;
import org.advmusic.experiments.results.InstrumentResults;
import org.advmusic.nn.svm.SvcCheckpoint;

/**
 * Per class, a 3 s signal (from silence or noise) that maximises the class's decision margin within a
 * peak budget ({@link ConfidenceMaximizer} over band-limited noise), written as a 16-bit WAV
 * ({@code audio/confidence/<class>.wav}) and classified again from the file.
 */
final class InstrumentConfidence {
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
            BandLimitedNoiseBasis basis = new BandLimitedNoiseBasis(samples, config.sampleRate(), config.targeted().blocks(),
                    config.targeted().bands(), 60.0, Math.min(16000.0, 0.45 * config.sampleRate()), 23L);
            ConfidenceMaximizer.Outcome outcome = new ConfidenceMaximizer(basis, c.peakDbfs(), c.queryBudget(),
                    c.offspring(), seed * 31 + cls).run(start, cls, InstrumentStudy.scorer(checkpoint, config.sampleRate()));
            String name = checkpoint.classNames().get(cls);
            String wav = "audio/confidence/" + name + ".wav";
            try {
                Path file = run.file(wav);
                float[] written = Pcm16.quantize(outcome.waveform());
                WavWriter.write(file, new float[][] {written, written}, config.sampleRate(), WavEncoding.PCM_16);
                float[] readBack = InstrumentStudy.readAsLoaded(file, config.sampleRate());
                int predicted = checkpoint.model().predictPosition(checkpoint.scaler().apply(
                        new InstrumentFeatures(config.sampleRate()).compute(readBack)));
                return new InstrumentResults.Confidence(name, c.start(), outcome.start(), outcome.margin(), outcome.score(),
                        checkpoint.classNames().get(predicted), outcome.queries(), wav);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
