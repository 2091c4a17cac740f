package org.advmusic.audio.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioFormat.Encoding;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.advmusic.audio.dsp.Resampler;

/**
 * Reads WAV (and the other formats {@code javax.sound.sampled} knows: AIFF, AU) into float samples in
 * [-1, 1]: signed PCM of 8, 16, 24 and 32 bits, unsigned 8-bit PCM, 32/64-bit float, either byte
 * order; mu-law and a-law are converted to 16-bit PCM first.
 */
public final class WavReader {
    private WavReader() {
    }

    /**
     * Reads every channel as stored.
     *
     * @throws AudioFileException naming the file and why it cannot be read (not a RIFF/WAVE file,
     *                            unsupported encoding, no audio frames)
     */
    public static DecodedAudio read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new AudioFileException(file, "no such file", null);
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
             AudioInputStream stream = AudioSystem.getAudioInputStream(in)) {
            float rate = stream.getFormat().getSampleRate();
            if (!(rate > 0) || Float.isInfinite(rate)) {
                throw new AudioFileException(file, "the header gives a sample rate of " + rate + " Hz; expected a positive rate",
                        null);
            }
            AudioInputStream pcm = toDecodable(file, stream);
            AudioFormat format = pcm.getFormat();
            long promised = pcm.getFrameLength();
            byte[] bytes = pcm.readAllBytes();
            int frames = bytes.length / format.getFrameSize();
            if (promised > 0 && frames < promised) {
                throw new AudioFileException(file, String.format(java.util.Locale.ROOT,
                        "cut short: the header promises %.2f s of audio (%d frames) but the file holds %.2f s (%d frames)",
                        promised / (double) rate, promised, frames / (double) rate, frames), null);
            }
            if (frames == 0) {
                throw new AudioFileException(file, "contains no audio frames (" + format + ")", null);
            }
            float[][] channels = new float[format.getChannels()][frames];
            decode(bytes, format, channels);
            return new DecodedAudio(channels, format.getSampleRate(),
                    format.getEncoding() + " " + format.getSampleSizeInBits() + " bit");
        } catch (UnsupportedAudioFileException e) {
            throw new AudioFileException(file, "not a readable audio file (expected a RIFF/WAVE header): " + e.getMessage(), e);
        } catch (AudioFileException e) {
            throw e;
        } catch (IOException | IllegalArgumentException e) {
            throw new AudioFileException(file, "cannot decode: " + e, e);
        }
    }

    /**
     * Mono samples at a target rate, and the rate the file stored.
     *
     * @param samples  mono samples at {@code rate}
     * @param fileRate the file's sample rate (Hz)
     * @param rate     the rate of {@code samples} (Hz)
     */
    public record Mono(float[] samples, float fileRate, int rate) {
        /** Whether the file's rate differed, so that the samples were resampled. */
        public boolean resampled() {
            return fileRate != rate;
        }

        /** "resampled from 44100 Hz to 22050 Hz", or null when the file was already at the rate. */
        public String resampling() {
            return resampled() ? resampling(fileRate, rate) : null;
        }

        /** "resampled from {@code from} Hz to {@code to} Hz". */
        public static String resampling(float from, int to) {
            return "resampled from " + hertz(from) + " to " + to + " Hz";
        }

        private static String hertz(float rate) {
            return (rate == Math.rint(rate) ? Long.toString((long) rate) : Float.toString(rate)) + " Hz";
        }
    }

    /**
     * Reads a file as mono at {@code targetRate}: channels averaged, then resampled with
     * {@link Resampler} when the file's rate differs (which the result states).
     */
    public static Mono readMonoAt(Path file, int targetRate) throws IOException {
        DecodedAudio audio = read(file);
        return new Mono(Resampler.resample(audio.mixDown(), audio.sampleRate(), targetRate), audio.sampleRate(),
                targetRate);
    }

    /**
     * Reads a file as mono at {@code targetRate} ({@link #readMonoAt}, without saying whether it was resampled).
     *
     * @return mono samples at {@code targetRate}
     */
    public static float[] readMono(Path file, int targetRate) throws IOException {
        return readMonoAt(file, targetRate).samples();
    }

    /**
     * The sample rate in a file's header, without decoding its audio.
     *
     * @throws AudioFileException naming the file when its header cannot be read
     */
    public static float sampleRate(Path file) throws IOException {
        try {
            return AudioSystem.getAudioFileFormat(file.toFile()).getFormat().getSampleRate();
        } catch (UnsupportedAudioFileException e) {
            throw new AudioFileException(file, "not a readable audio file (expected a RIFF/WAVE header): " + e.getMessage(), e);
        }
    }

    private static AudioInputStream toDecodable(Path file, AudioInputStream stream) throws AudioFileException {
        AudioFormat format = stream.getFormat();
        Encoding encoding = format.getEncoding();
        int bits = format.getSampleSizeInBits();
        boolean pcm = (encoding.equals(Encoding.PCM_SIGNED) && (bits == 8 || bits == 16 || bits == 24 || bits == 32))
                || (encoding.equals(Encoding.PCM_UNSIGNED) && bits == 8)
                || (encoding.equals(Encoding.PCM_FLOAT) && (bits == 32 || bits == 64));
        if (pcm) {
            return stream;
        }
        AudioFormat target = new AudioFormat(format.getSampleRate(), 16, format.getChannels(), true, false);
        if (!AudioSystem.isConversionSupported(target, format)) {
            throw new AudioFileException(file, "unsupported encoding " + format
                    + "; expected PCM (8/16/24/32-bit), float (32/64-bit), mu-law or a-law", null);
        }
        return AudioSystem.getAudioInputStream(target, stream);
    }

    /** Fills {@code channels} (channels, frames) from interleaved bytes of {@code format}. */
    private static void decode(byte[] bytes, AudioFormat format, float[][] channels) {
        int bytesPerSample = format.getSampleSizeInBits() / 8;
        boolean bigEndian = format.isBigEndian();
        Encoding encoding = format.getEncoding();
        int channelCount = channels.length;
        int frames = channels[0].length;
        int frameSize = format.getFrameSize();
        for (int f = 0; f < frames; f++) {
            for (int c = 0; c < channelCount; c++) {
                int at = f * frameSize + c * bytesPerSample;
                long raw = readInteger(bytes, at, bytesPerSample, bigEndian);
                float value;
                if (encoding.equals(Encoding.PCM_FLOAT)) {
                    value = bytesPerSample == 4 ? Float.intBitsToFloat((int) raw) : (float) Double.longBitsToDouble(raw);
                } else if (encoding.equals(Encoding.PCM_UNSIGNED)) {
                    value = ((raw & 0xFF) - 128) / 128f;
                } else {
                    int shift = 64 - 8 * bytesPerSample; // sign-extend from the sample width
                    long signed = (raw << shift) >> shift;
                    value = (float) (signed / (double) (1L << (8 * bytesPerSample - 1)));
                }
                channels[c][f] = value;
            }
        }
    }

    private static long readInteger(byte[] bytes, int at, int width, boolean bigEndian) {
        long value = 0;
        for (int i = 0; i < width; i++) {
            int b = bytes[at + (bigEndian ? i : width - 1 - i)] & 0xFF;
            value = (value << 8) | b;
        }
        return value;
    }
}
