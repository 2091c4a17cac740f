package org.advmusic.audio.synth;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Renders a {@link Score} with the built-in voices: every instrument into its own stem, distorted
 * guitars driven through a soft clipper and a cabinet low-pass, stems mixed with their gains, a room
 * reverb added, the mix normalised to the score's peak, then hiss (and vinyl crackle) added at their
 * levels and everything clipped to [-1, 1].
 */
public final class BuiltInSynth {
    private BuiltInSynth() {
    }

    /**
     * @param seed seeds the noise of the voices (the score fixes everything else)
     * @return mono samples, {@code round(seconds * sampleRate)} of them
     */
    public static float[] render(Score score, int sampleRate, long seed) {
        int length = (int) Math.round(score.seconds() * sampleRate);
        SplittableRandom random = new SplittableRandom(seed);
        TrackMix mix = score.mix();
        Map<Instrument, float[]> stems = new EnumMap<>(Instrument.class);
        for (Note note : score.notes()) {
            int start = (int) Math.round(note.start() * sampleRate);
            if (start >= length) {
                continue;
            }
            float[] stem = stems.computeIfAbsent(note.instrument(), i -> new float[length]);
            if (note.instrument().drum()) {
                DrumVoices.hit(note.instrument(), note.velocity(), start, stem, sampleRate, mix.brightness(), random);
            } else {
                PitchedVoices.play(note, start, stem, sampleRate, mix.brightness(), random);
            }
        }
        float[] out = new float[length];
        for (Map.Entry<Instrument, float[]> e : stems.entrySet()) {
            float[] stem = e.getValue();
            if (e.getKey().distorted()) {
                distort(stem, mix.drive(), sampleRate, mix.brightness());
            }
            float gain = (float) mix.gain(e.getKey());
            for (int i = 0; i < length; i++) {
                out[i] += gain * stem[i];
            }
        }
        if (mix.reverb() > 0) {
            float[] wet = Reverb.wet(out, sampleRate);
            for (int i = 0; i < length; i++) {
                out[i] += (float) (mix.reverb() * wet[i]);
            }
        }
        finish(out, mix, sampleRate, random);
        return out;
    }

    /** Normalises to the mix's peak, adds hiss and crackle, clips. Shared with the SoundFont path. */
    static void finish(float[] out, TrackMix mix, int sampleRate, SplittableRandom random) {
        float peak = 0;
        for (float x : out) {
            peak = Math.max(peak, Math.abs(x));
        }
        float scale = peak > 0 ? (float) (mix.peak() / peak) : 0f;
        double hiss = StrictMath.pow(10, mix.noiseDecibels() / 20) * Math.sqrt(3); // uniform noise of that RMS
        StateVariableFilter tone = new StateVariableFilter(6000, 0.7, sampleRate);
        double crackleRate = mix.vinylCrackle() ? 4.0 / sampleRate : 0;
        double crackle = 0;
        double crackleDecay = Oscillators.decayFactor(0.0005, sampleRate);
        for (int i = 0; i < out.length; i++) {
            if (crackleRate > 0 && random.nextDouble() < crackleRate) {
                crackle = (random.nextDouble() - 0.5) * 0.3;
            }
            double noise = hiss * tone.lowPass(random.nextDouble() * 2 - 1) + crackle;
            crackle *= crackleDecay;
            out[i] = (float) Math.max(-1.0, Math.min(1.0, out[i] * scale + noise));
        }
    }

    /** Soft-clips {@code stem} at {@code drive} (level kept) and rounds off the fizz with a cabinet low-pass. */
    private static void distort(float[] stem, double drive, int sampleRate, double brightness) {
        StateVariableFilter cabinet = new StateVariableFilter(4500 * brightness, 0.7, sampleRate);
        double makeUp = 1.0 / Oscillators.softClip(Math.min(3, drive * 0.5));
        for (int i = 0; i < stem.length; i++) {
            stem[i] = (float) (0.5 * makeUp * cabinet.lowPass(Oscillators.softClip(drive * stem[i])));
        }
    }
}
