package org.advmusic.bench.audio;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.advmusic.audio.features.FrontEndSettings;
import org.advmusic.audio.features.LogMelSegmenter;
import org.advmusic.audio.features.SegmentSettings;
import org.advmusic.audio.features.SegmentedTrack;
import org.advmusic.audio.features.TabularFeatures;
import org.advmusic.audio.synth.SyntheticGenreSettings;
import org.advmusic.audio.synth.SyntheticGenres;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One 30 s synthetic rock track (22050 Hz) through the model-input front end (10 segments of
 * 128 x 130 log-mel in [0, 1]) and through the 53 tabular features, on one thread. The real-time
 * factor is 30 s divided by the reported time; the target is at least 300 (0.1 s per track).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class LogMelBenchmark {
    private float[] track;
    private LogMelSegmenter segmenter;
    private TabularFeatures tabular;

    @Setup
    public void setUp() throws IOException {
        track = SyntheticGenres.render("rock", 0, SyntheticGenreSettings.defaults(1));
        segmenter = new LogMelSegmenter(FrontEndSettings.librosaDefaults(), SegmentSettings.defaults());
        tabular = new TabularFeatures(FrontEndSettings.librosaDefaults());
    }

    /** Ten 3 s log-mel model inputs of a 30 s track. */
    @Benchmark
    public SegmentedTrack logMelSegments() {
        return segmenter.segment(track);
    }

    /** The tabular feature vector of a whole 30 s track. */
    @Benchmark
    public float[] tabularFeatures() {
        return tabular.compute(track);
    }
}
