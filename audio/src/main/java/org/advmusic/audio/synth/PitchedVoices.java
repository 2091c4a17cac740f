package org.advmusic.audio.synth;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Pitched instruments: plucked guitars by Karplus-Strong (a noise burst circulating in a damped delay
 * line), the piano as decaying inharmonic partials, the electric piano by two-operator FM, the organ by
 * drawbar partials, and everything else by a subtractive {@link VoicePatch}.
 */
final class PitchedVoices {
    private static final Map<Instrument, VoicePatch> PATCHES = new EnumMap<>(Instrument.class);

    static {
        //                         sine saw  sq  copies cents cutoff hp    att    dec  sus  rel   vibHz vibDepth breath glide
        PATCHES.put(Instrument.ACOUSTIC_BASS, new VoicePatch(1, 0.15, 0, 1, 0, 900, 0, 0.006, 0.5, 0, 0.06, 0, 0, 0.02, 1));
        PATCHES.put(Instrument.ELECTRIC_BASS, new VoicePatch(0.6, 0.5, 0, 1, 0, 700, 0, 0.004, 0.8, 0.35, 0.05, 0, 0, 0, 1));
        PATCHES.put(Instrument.SYNTH_BASS, new VoicePatch(0, 0.3, 0.7, 1, 0, 900, 0, 0.003, 0.3, 0.6, 0.04, 0, 0, 0, 1));
        PATCHES.put(Instrument.SUB_BASS, new VoicePatch(1, 0, 0, 1, 0, 400, 0, 0.002, 0.9, 0, 0.1, 0, 0, 0, 1.5));
        PATCHES.put(Instrument.STRINGS, new VoicePatch(0, 0.6, 0, 2, 12, 2800, 120, 0.25, 1.0, 0.85, 0.35, 5.5, 0.003, 0, 1));
        PATCHES.put(Instrument.SYNTH_PAD, new VoicePatch(0.2, 0.3, 0.3, 2, 10, 1600, 0, 0.4, 1.5, 0.8, 0.6, 0.3, 0.002, 0, 1));
        PATCHES.put(Instrument.BRASS, new VoicePatch(0, 0.8, 0, 2, 6, 2200, 150, 0.04, 0.4, 0.7, 0.08, 5.0, 0.003, 0.02, 1));
        PATCHES.put(Instrument.SAX, new VoicePatch(0.2, 0.4, 0.4, 1, 0, 2600, 250, 0.03, 0.6, 0.75, 0.06, 5.0, 0.005, 0.05, 1));
        PATCHES.put(Instrument.FLUTE, new VoicePatch(1, 0, 0.08, 1, 0, 4000, 200, 0.06, 1.0, 0.85, 0.08, 5.0, 0.004, 0.08, 1));
        PATCHES.put(Instrument.FIDDLE, new VoicePatch(0, 0.8, 0, 1, 0, 3500, 400, 0.03, 0.8, 0.8, 0.06, 6.0, 0.006, 0.02, 1));
        PATCHES.put(Instrument.SQUARE_LEAD, new VoicePatch(0, 0, 0.8, 1, 0, 3000, 0, 0.01, 0.5, 0.7, 0.05, 5.5, 0.003, 0, 1));
        PATCHES.put(Instrument.SAW_LEAD, new VoicePatch(0, 0.7, 0, 2, 8, 3500, 0, 0.01, 0.5, 0.7, 0.05, 5.5, 0.003, 0, 1));
        PATCHES.put(Instrument.OVERDRIVE_GUITAR, new VoicePatch(0.2, 0.6, 0, 2, 7, 2500, 90, 0.003, 1.2, 0.5, 0.025, 0, 0, 0, 1));
        PATCHES.put(Instrument.DISTORTION_GUITAR, new VoicePatch(0.2, 0.6, 0.2, 2, 9, 2000, 90, 0.002, 1.2, 0.6, 0.025, 0, 0, 0, 1));
    }

    private PitchedVoices() {
    }

    /** Adds {@code note} (velocity applied, gain not) into {@code out} from sample {@code start}. */
    static void play(Note note, int start, float[] out, int sampleRate, double brightness, SplittableRandom random) {
        switch (note.instrument()) {
            case STEEL_GUITAR -> pluck(note, start, out, sampleRate, 0.9 * Math.min(1, brightness), 3.0, random);
            case CLEAN_GUITAR -> pluck(note, start, out, sampleRate, 0.6 * Math.min(1, brightness), 1.8, random);
            case PIANO -> piano(note, start, out, sampleRate, brightness);
            case ELECTRIC_PIANO -> electricPiano(note, start, out, sampleRate);
            case ORGAN -> organ(note, start, out, sampleRate);
            default -> {
                VoicePatch patch = PATCHES.get(note.instrument());
                if (patch == null) {
                    throw new IllegalArgumentException(note.instrument() + " has no built-in voice");
                }
                subtractive(note, patch, start, out, sampleRate, brightness, random);
            }
        }
    }

    private static void subtractive(Note note, VoicePatch p, int start, float[] out, int sampleRate, double brightness,
                                    SplittableRandom random) {
        Envelope envelope = new Envelope(p.attack(), p.decay(), p.sustain(), p.release(), note.duration(), sampleRate);
        int length = Math.min(out.length - start, envelope.length());
        StateVariableFilter lowPass = new StateVariableFilter(p.cutoff() * brightness, 0.8, sampleRate);
        StateVariableFilter highPass = p.highPass() > 0 ? new StateVariableFilter(p.highPass(), 0.7, sampleRate) : null;
        StateVariableFilter breathFilter = new StateVariableFilter(3000, 0.7, sampleRate);
        int copies = p.copies();
        double[] phases = new double[copies];
        double[] detune = new double[copies];
        for (int c = 0; c < copies; c++) {
            phases[c] = random.nextDouble();
            double cents = copies == 1 ? 0 : p.detuneCents() * (2.0 * c / (copies - 1) - 1);
            detune[c] = StrictMath.pow(2, cents / 1200);
        }
        double baseIncrement = note.frequency() / sampleRate;
        double glide = p.glide() - 1;
        double glideFactor = Oscillators.decayFactor(0.04, sampleRate);
        double vibratoPhase = 0;
        double vibratoIncrement = p.vibratoHz() / sampleRate;
        double level = note.velocity() / Math.sqrt(copies);
        boolean withSine = p.sine() != 0;
        boolean withSaw = p.saw() != 0;
        boolean withSquare = p.square() != 0;
        for (int i = 0; i < length; i++) {
            double vibrato = 1 + glide + (p.vibratoDepth() > 0 ? p.vibratoDepth() * Oscillators.sine(vibratoPhase) : 0);
            double x = 0;
            for (int c = 0; c < copies; c++) {
                double increment = Math.min(0.45, baseIncrement * detune[c] * vibrato);
                double phase = phases[c];
                if (withSine) {
                    x += p.sine() * Oscillators.sine(phase);
                }
                if (withSaw) {
                    x += p.saw() * Oscillators.saw(phase, increment);
                }
                if (withSquare) {
                    x += p.square() * Oscillators.square(phase, increment);
                }
                phases[c] = Oscillators.advance(phase, increment);
            }
            if (p.breath() > 0) {
                x += p.breath() * breathFilter.lowPass(random.nextDouble() * 2 - 1) * copies;
            }
            double y = lowPass.lowPass(x);
            if (highPass != null) {
                y = highPass.highPass(y);
            }
            out[start + i] += (float) (level * envelope.next() * y);
            glide *= glideFactor;
            vibratoPhase = Oscillators.advance(vibratoPhase, vibratoIncrement);
        }
    }

    /**
     * Karplus-Strong: a delay line of one period filled with low-passed noise, each pass averaged
     * (a gentle low-pass) and scaled for a {@code sustainSeconds} decay; damped after the note ends.
     */
    private static void pluck(Note note, int start, float[] out, int sampleRate, double brightness, double sustainSeconds,
                              SplittableRandom random) {
        int period = Math.max(2, (int) Math.round(sampleRate / note.frequency()));
        double[] line = new double[period];
        double smoothed = 0;
        for (int i = 0; i < period; i++) {
            smoothed += brightness * ((random.nextDouble() * 2 - 1) - smoothed);
            line[i] = smoothed;
        }
        double loss = Oscillators.decayFactor(sustainSeconds, sampleRate / period); // per pass
        Envelope damper = new Envelope(0.0005, 10, 1, 0.05, note.duration(), sampleRate);
        int length = Math.min(out.length - start, damper.length());
        int at = 0;
        for (int i = 0; i < length; i++) {
            int next = at + 1 == period ? 0 : at + 1;
            double y = line[at];
            line[at] = loss * 0.5 * (line[at] + line[next]);
            out[start + i] += (float) (note.velocity() * damper.next() * y);
            at = next;
        }
    }

    /** Six slightly stretched partials, the upper ones dying faster; brighter when struck harder. */
    private static void piano(Note note, int start, float[] out, int sampleRate, double brightness) {
        int partials = 6;
        double decaySeconds = 2.5 * StrictMath.pow(2, -(note.pitch() - 60) / 24.0);
        Envelope damper = new Envelope(0.002, 10, 1, 0.12, note.duration(), sampleRate);
        int length = Math.min(out.length - start, Math.min(damper.length(), (int) (5 * decaySeconds * sampleRate)));
        double[] increments = new double[partials];
        double[] amplitudes = new double[partials];
        double[] factors = new double[partials];
        for (int k = 1; k <= partials; k++) {
            double stretch = Math.sqrt(1 + 0.0004 * k * k);
            increments[k - 1] = Math.min(0.45, note.frequency() * k * stretch / sampleRate);
            amplitudes[k - 1] = note.velocity() * StrictMath.pow(k, -1.2 - 0.6 / brightness) * (increments[k - 1] < 0.45 ? 1 : 0);
            factors[k - 1] = Oscillators.decayFactor(decaySeconds / StrictMath.pow(k, 0.7), sampleRate);
        }
        double[] phases = new double[partials];
        for (int i = 0; i < length; i++) {
            double y = 0;
            for (int k = 0; k < partials; k++) {
                y += amplitudes[k] * Oscillators.sine(phases[k]);
                phases[k] = Oscillators.advance(phases[k], increments[k]);
                amplitudes[k] *= factors[k];
            }
            out[start + i] += (float) (0.6 * damper.next() * y);
        }
    }

    /** Two-operator FM (ratio 1) with a decaying modulation index: a bell-like electric piano. */
    private static void electricPiano(Note note, int start, float[] out, int sampleRate) {
        Envelope envelope = new Envelope(0.003, 1.2, 0, 0.15, note.duration(), sampleRate);
        int length = Math.min(out.length - start, envelope.length());
        double increment = note.frequency() / sampleRate;
        double index = 0.5 * note.velocity();
        double indexFactor = Oscillators.decayFactor(0.25, sampleRate);
        double carrier = 0;
        double modulator = 0;
        for (int i = 0; i < length; i++) {
            double phase = carrier + (index + 0.05) * Oscillators.sine(modulator);
            phase -= Math.floor(phase);
            out[start + i] += (float) (0.7 * note.velocity() * envelope.next() * Oscillators.sine(phase));
            carrier = Oscillators.advance(carrier, increment);
            modulator = Oscillators.advance(modulator, increment);
            index *= indexFactor;
        }
    }

    /**
     * Drawbar partials 1, 2, 3, 4, 6, 8 at constant levels: a steady spectrum, so one period is summed
     * into a wavetable (partials at or above 0.45 * sample rate left out) and read at the note's rate.
     */
    private static void organ(Note note, int start, float[] out, int sampleRate) {
        double[] harmonics = {1, 2, 3, 4, 6, 8};
        double[] levels = {1, 0.7, 0.5, 0.35, 0.2, 0.15};
        double increment = note.frequency() / sampleRate;
        int size = 1024;
        float[] period = new float[size + 1];
        for (int k = 0; k < harmonics.length; k++) {
            if (increment * harmonics[k] >= 0.45) {
                continue;
            }
            for (int j = 0; j <= size; j++) {
                double phase = (j * (long) harmonics[k] % size) / (double) size;
                period[j] += (float) (levels[k] * Oscillators.sine(phase));
            }
        }
        Envelope envelope = new Envelope(0.008, 10, 1, 0.05, note.duration(), sampleRate);
        int length = Math.min(out.length - start, envelope.length());
        double phase = 0;
        for (int i = 0; i < length; i++) {
            double x = phase * size;
            int index = (int) x;
            double y = period[index] + (x - index) * (period[index + 1] - period[index]);
            out[start + i] += (float) (0.3 * note.velocity() * envelope.next() * y);
            phase = Oscillators.advance(phase, increment);
        }
    }
}
