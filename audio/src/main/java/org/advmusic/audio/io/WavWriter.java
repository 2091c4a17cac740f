package org.advmusic.audio.io;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * Writes little-endian WAV files. PCM samples are clipped to [-1, 1] and rounded to the nearest
 * integer step (so a 16-bit round trip is exact to half a step, 1 / 65536); the same samples always
 * give the same bytes.
 */
public final class WavWriter {
    private WavWriter() {
    }

    /** Writes mono {@code samples} at {@code sampleRate}; parent folders are created. */
    public static void write(Path file, float[] samples, int sampleRate, WavEncoding encoding) throws IOException {
        write(file, new float[][] {samples}, sampleRate, encoding);
    }

    /**
     * Writes {@code channels} (channels, frames), interleaved, atomically (a temporary file renamed
     * into place).
     */
    public static void write(Path file, float[][] channels, int sampleRate, WavEncoding encoding) throws IOException {
        int frames = channels[0].length;
        for (float[] c : channels) {
            if (c.length != frames) {
                throw new IllegalArgumentException("write " + file + ": channels have different lengths " + c.length
                        + " and " + frames);
            }
        }
        int bytesPerSample = encoding.bits() / 8;
        byte[] bytes = new byte[frames * channels.length * bytesPerSample];
        int at = 0;
        for (int f = 0; f < frames; f++) {
            for (float[] channel : channels) {
                long raw = encode(channel[f], encoding);
                for (int i = 0; i < bytesPerSample; i++) { // little-endian
                    bytes[at++] = (byte) (raw >>> (8 * i));
                }
            }
        }
        AudioFormat format = new AudioFormat(
                encoding == WavEncoding.FLOAT_32 ? AudioFormat.Encoding.PCM_FLOAT : AudioFormat.Encoding.PCM_SIGNED,
                sampleRate, encoding.bits(), channels.length, channels.length * bytesPerSample, sampleRate, false);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try (AudioInputStream stream = new AudioInputStream(new ByteArrayInputStream(bytes), format, frames)) {
            AudioSystem.write(stream, AudioFileFormat.Type.WAVE, temp.toFile());
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static long encode(float sample, WavEncoding encoding) {
        if (encoding == WavEncoding.FLOAT_32) {
            return Float.floatToIntBits(sample);
        }
        double full = (double) (1L << (encoding.bits() - 1));
        double clipped = Math.max(-1.0, Math.min(1.0, sample));
        return (long) Math.max(-full, Math.min(full - 1, Math.rint(clipped * full)));
    }
}
