package org.advmusic.audio.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.advmusic.audio.io.WavEncoding;
import org.advmusic.audio.io.WavWriter;

/** Small audio files for loader tests. */
final class Fixtures {
    private Fixtures() {
    }

    /** A tone of {@code hz} (amplitude 0.5, with a slow tremolo so segments differ) in every channel. */
    static void tone(Path file, double seconds, int sampleRate, int channels, double hz) throws IOException {
        int n = (int) Math.round(seconds * sampleRate);
        float[][] data = new float[channels][n];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < n; i++) {
                double t = i / (double) sampleRate;
                data[c][i] = (float) (0.5 * (0.6 + 0.4 * Math.sin(2 * Math.PI * 0.7 * t)) * Math.sin(2 * Math.PI * hz * t));
            }
        }
        WavWriter.write(file, data, sampleRate, WavEncoding.PCM_16);
    }

    /** A file with a .wav name and text content (GTZAN's jazz.00054.wav is like this: not RIFF). */
    static void corrupt(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "not audio at all");
    }
}
