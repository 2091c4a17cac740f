package org.advmusic.audio.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavRoundTripTest {
    @TempDir
    Path folder;

    @Test
    void sixteenBitRoundTripIsExactToHalfAStep() throws IOException {
        float[] signal = sine(1000, 440, 22050, 0.9);
        Path file = folder.resolve("a.wav");
        WavWriter.write(file, signal, 22050, WavEncoding.PCM_16);
        DecodedAudio read = WavReader.read(file);
        assertEquals(22050f, read.sampleRate());
        assertEquals(1, read.channels().length);
        assertEquals("PCM_SIGNED 16 bit", read.encoding());
        assertEquals(0.0, maxDifference(signal, read.channels()[0]), 0.5 / 32768 + 1e-9);
    }

    @Test
    void twentyFourBitAndFloatRoundTrips() throws IOException {
        float[] signal = sine(1000, 123.4, 44100, 0.99);
        Path pcm24 = folder.resolve("b.wav");
        WavWriter.write(pcm24, signal, 44100, WavEncoding.PCM_24);
        assertEquals(0.0, maxDifference(signal, WavReader.read(pcm24).channels()[0]), 0.5 / (1 << 23) + 1e-9);
        Path float32 = folder.resolve("c.wav");
        WavWriter.write(float32, signal, 44100, WavEncoding.FLOAT_32);
        DecodedAudio read = WavReader.read(float32);
        assertEquals("PCM_FLOAT 32 bit", read.encoding());
        assertArrayEquals(signal, read.channels()[0], "float samples are stored exactly");
    }

    @Test
    void stereoIsMixedDownToTheChannelMean() throws IOException {
        float[] left = sine(500, 300, 22050, 0.5);
        float[] right = sine(500, 700, 22050, 0.25);
        Path file = folder.resolve("stereo.wav");
        WavWriter.write(file, new float[][] {left, right}, 22050, WavEncoding.FLOAT_32);
        float[] mono = WavReader.readMono(file, 22050);
        for (int i = 0; i < mono.length; i++) {
            assertEquals((left[i] + right[i]) / 2, mono[i], 1e-7, "sample " + i);
        }
    }

    @Test
    void eightBitUnsignedAndThirtyTwoBitSignedAreDecoded() throws IOException {
        Path eight = folder.resolve("u8.wav");
        writeRaw(eight, new AudioFormat(AudioFormat.Encoding.PCM_UNSIGNED, 8000, 8, 1, 1, 8000, false),
                new byte[] {(byte) 128, (byte) 192, 64, 0});
        assertArrayEquals(new float[] {0f, 0.5f, -0.5f, -1f}, WavReader.read(eight).channels()[0]);

        Path thirtyTwo = folder.resolve("s32.wav");
        byte[] bytes = {0, 0, 0, 0x40, 0, 0, 0, (byte) 0xC0}; // little-endian 2^30 and -2^30
        writeRaw(thirtyTwo, new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, 8000, 32, 1, 4, 8000, false), bytes);
        assertArrayEquals(new float[] {0.5f, -0.5f}, WavReader.read(thirtyTwo).channels()[0]);
    }

    @Test
    void aFileThatIsNotRiffIsReportedWithItsPath() throws IOException {
        Path file = folder.resolve("jazz.00054.wav");
        Files.write(file, "this is not a RIFF header, just text".getBytes());
        AudioFileException e = assertThrows(AudioFileException.class, () -> WavReader.read(file));
        assertEquals(file, e.path());
        assertTrue(e.reason().contains("RIFF"), e.reason());
    }

    @Test
    void theSameSamplesGiveTheSameBytes() throws IOException {
        float[] signal = sine(300, 220, 22050, 0.7);
        WavWriter.write(folder.resolve("x.wav"), signal, 22050, WavEncoding.PCM_16);
        WavWriter.write(folder.resolve("y.wav"), signal, 22050, WavEncoding.PCM_16);
        assertArrayEquals(Files.readAllBytes(folder.resolve("x.wav")), Files.readAllBytes(folder.resolve("y.wav")));
    }

    static float[] sine(int n, double hz, int sampleRate, double amplitude) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / sampleRate));
        }
        return x;
    }

    private static double maxDifference(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    private static void writeRaw(Path file, AudioFormat format, byte[] bytes) throws IOException {
        try (AudioInputStream stream = new AudioInputStream(new ByteArrayInputStream(bytes), format,
                bytes.length / format.getFrameSize())) {
            AudioSystem.write(stream, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }
}
