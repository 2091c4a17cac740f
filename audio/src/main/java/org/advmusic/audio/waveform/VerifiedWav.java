package org.advmusic.audio.waveform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.IntPredicate;
import java.util.function.ToIntFunction;
import org.advmusic.audio.features.LogMelSegmenter;
import org.advmusic.audio.features.SegmentedTrack;
import org.advmusic.audio.io.WavEncoding;
import org.advmusic.audio.io.WavReader;
import org.advmusic.audio.io.WavWriter;

/**
 * Writes a waveform as a 16-bit WAV and re-analyses the written file exactly as the data loader
 * analyses a track ({@link WavReader#readMono} at the front end's rate, then the offline
 * {@link LogMelSegmenter}), so that a file is only ever named adversarial when the real pipeline,
 * reading it back, misclassifies it.
 */
public final class VerifiedWav {

    /**
     * What the pipeline makes of a written file.
     *
     * @param file       where the file is (null when it was not kept)
     * @param prediction the class predicted from the file read back
     * @param verified   whether the prediction passed the test (for an adversarial file: misclassified)
     */
    public record Reanalysis(Path file, int prediction, boolean verified) {
    }

    private final LogMelSegmenter segmenter;
    private final int sampleRate;

    /** @param segmenter the loader's segmenter (its front end's rate is the rate of the files) */
    public VerifiedWav(LogMelSegmenter segmenter, int sampleRate) {
        this.segmenter = segmenter;
        this.sampleRate = sampleRate;
    }

    /**
     * Reads {@code file} as the data loader reads a track and classifies its segments.
     *
     * @param classify the track-level prediction (the pipeline's song rule) from its model inputs
     */
    public int reanalyse(Path file, ToIntFunction<SegmentedTrack> classify) throws IOException {
        SegmentedTrack track = segmenter.segment(WavReader.readMono(file, sampleRate));
        if (track.segments() == 0) {
            throw new IOException(file + ": read back shorter than one segment");
        }
        return classify.applyAsInt(track);
    }

    /**
     * Writes {@code samples} as 16-bit PCM to a temporary file beside {@code target}, re-analyses it,
     * and moves it to {@code target} only when {@code accept} holds for the re-analysed prediction;
     * otherwise the temporary file is deleted and nothing is written under {@code target}.
     *
     * @param samples mono samples in [-1, 1] at the front end's rate (quantised on writing)
     */
    public Reanalysis writeIf(Path target, float[] samples, ToIntFunction<SegmentedTrack> classify, IntPredicate accept)
            throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".unverified");
        try {
            WavWriter.write(temporary, samples, sampleRate, WavEncoding.PCM_16);
            int prediction = reanalyse(temporary, classify);
            if (!accept.test(prediction)) {
                return new Reanalysis(null, prediction, false);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Reanalysis(target, prediction, true);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Writes {@code samples} as 16-bit PCM (a clean track or a scaled perturbation: nothing to verify). */
    public Path write(Path target, float[] samples) throws IOException {
        WavWriter.write(target, samples, sampleRate, WavEncoding.PCM_16);
        return target;
    }
}
