package org.advmusic.audio.synth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.advmusic.audio.Parallel;
import org.advmusic.audio.data.IrmasFeatureSet;
import org.advmusic.audio.io.WavEncoding;
import org.advmusic.audio.io.WavWriter;

/**
 * A deterministic stand-in for the IRMAS training set: the 11 IRMAS classes, each a built-in
 * synthesiser voice in its own pitch range (harmonic spectra, envelopes, vibrato and breath noise
 * come from the voices), written as 3 s, 44.1 kHz, 16-bit stereo excerpts in IRMAS's layout
 * ({@code <root>/<cls>/NNN__[cls][nod][pop_roc]NNNN__1.wav}) so that the IRMAS loader reads it.
 * Each excerpt plays a short random melody and is normalised to a random peak level drawn from the
 * same range for every class, so that loudness alone does not tell the classes apart; a little
 * background noise is mixed in. A {@code synthetic-set.txt} records the settings; generating again
 * with the same settings into a complete folder does nothing.
 */
public final class SyntheticInstruments {
    /** The IRMAS instrument codes, in order. */
    public static final List<String> CLASSES = IrmasFeatureSet.CLASSES;
    /** The rate IRMAS excerpts are recorded at. */
    public static final int SAMPLE_RATE = 44100;
    /** Seconds per excerpt, as IRMAS. */
    public static final double SECONDS = 3.0;
    private static final String DESCRIPTION_FILE = "synthetic-set.txt";

    /** The voice and MIDI pitch range of each class. */
    private record Voice(Instrument instrument, int lowPitch, int highPitch) {
    }

    private static final Map<String, Voice> VOICES = Map.ofEntries(
            Map.entry("cel", new Voice(Instrument.FIDDLE, 36, 55)),
            Map.entry("cla", new Voice(Instrument.SQUARE_LEAD, 50, 74)),
            Map.entry("flu", new Voice(Instrument.FLUTE, 62, 88)),
            Map.entry("gac", new Voice(Instrument.STEEL_GUITAR, 40, 67)),
            Map.entry("gel", new Voice(Instrument.OVERDRIVE_GUITAR, 40, 67)),
            Map.entry("org", new Voice(Instrument.ORGAN, 48, 72)),
            Map.entry("pia", new Voice(Instrument.PIANO, 40, 84)),
            Map.entry("sax", new Voice(Instrument.SAX, 49, 75)),
            Map.entry("tru", new Voice(Instrument.BRASS, 55, 80)),
            Map.entry("vio", new Voice(Instrument.FIDDLE, 57, 88)),
            Map.entry("voi", new Voice(Instrument.SAW_LEAD, 52, 76)));

    private SyntheticInstruments() {
    }

    /**
     * Writes {@code perClass} excerpts of every class under {@code root} (or finds them written with
     * these settings) on {@code threads} threads.
     *
     * @return {@code root}, the folder of class folders
     */
    public static Path generate(Path root, int perClass, long seed, int threads) throws IOException {
        if (perClass < 1) {
            throw new IllegalArgumentException("synthetic instruments: " + perClass + " excerpts per class, expected >= 1");
        }
        Path description = root.resolve(DESCRIPTION_FILE);
        String expected = "advmusic synthetic instrument set v1" + System.lineSeparator() + "perClass=" + perClass
                + System.lineSeparator() + "seed=" + seed + System.lineSeparator();
        List<String[]> jobs = new ArrayList<>();
        for (String cls : CLASSES) {
            for (int i = 0; i < perClass; i++) {
                jobs.add(new String[] {cls, Integer.toString(i)});
            }
        }
        if (Files.isRegularFile(description) && Files.readString(description, StandardCharsets.UTF_8).equals(expected)
                && jobs.stream().allMatch(j -> Files.isRegularFile(file(root, j[0], Integer.parseInt(j[1]))))) {
            return root;
        }
        Files.deleteIfExists(description);
        Parallel.map(jobs, threads, job -> {
            int index = Integer.parseInt(job[1]);
            float[] mono = render(job[0], index, seed);
            try {
                WavWriter.write(file(root, job[0], index), new float[][] {mono, mono}, SAMPLE_RATE, WavEncoding.PCM_16);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
        Files.writeString(description, expected, StandardCharsets.UTF_8);
        return root;
    }

    /** {@code <root>/<cls>/NNN__[cls][nod][pop_roc]NNNN__1.wav}. */
    public static Path file(Path root, String cls, int index) {
        return root.resolve(cls).resolve(String.format(Locale.ROOT, "%03d__[%s][nod][pop_roc]%04d__1.wav", index % 1000,
                cls, index));
    }

    /** The mono samples of excerpt {@code index} of class {@code cls} (3 s at 44.1 kHz, peak in [-26, -6] dBFS). */
    public static float[] render(String cls, int index, long seed) {
        Voice voice = VOICES.get(cls);
        if (voice == null) {
            throw new IllegalArgumentException("unknown instrument class '" + cls + "'; expected one of " + CLASSES);
        }
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 31L * CLASSES.indexOf(cls) + index
                * 1_000_003L);
        int samples = (int) Math.round(SECONDS * SAMPLE_RATE);
        float[] out = new float[samples];
        double time = random.nextDouble(0.0, 0.2);
        double brightness = random.nextDouble(0.7, 1.3);
        while (time < SECONDS - 0.2) {
            double duration = random.nextDouble(0.25, 0.9);
            int pitch = voice.lowPitch() + random.nextInt(voice.highPitch() - voice.lowPitch() + 1);
            Note note = new Note(voice.instrument(), time, duration, pitch, random.nextDouble(0.6, 1.0));
            PitchedVoices.play(note, (int) (time * SAMPLE_RATE), out, SAMPLE_RATE, brightness, random);
            time += duration * random.nextDouble(0.8, 1.1);
        }
        double peak = 0;
        for (float v : out) {
            peak = Math.max(peak, Math.abs(v));
        }
        double targetPeak = Math.pow(10, random.nextDouble(-26, -6) / 20);
        double gain = peak > 0 ? targetPeak / peak : 0;
        double noise = targetPeak * 0.003;
        for (int i = 0; i < samples; i++) {
            out[i] = (float) (out[i] * gain + noise * (random.nextDouble() * 2 - 1));
        }
        return out;
    }
}
