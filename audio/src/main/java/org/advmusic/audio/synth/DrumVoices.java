package org.advmusic.audio.synth;

import java.util.SplittableRandom;

/**
 * Drum sounds from noise and pitched envelopes, added into a buffer: kick and toms are sines falling
 * in pitch; snare, rimshot, brush and clap are filtered noise bursts (with a tone for snare and
 * rimshot); hats and cymbals are high-passed noise with short or long decays, the ride with an
 * inharmonic bell.
 */
final class DrumVoices {
    private DrumVoices() {
    }

    /**
     * Adds one hit of {@code drum} at sample {@code start}.
     *
     * @param brightness multiplies the noise filters' cut-offs
     */
    static void hit(Instrument drum, double velocity, int start, float[] out, int sampleRate, double brightness,
                    SplittableRandom random) {
        switch (drum) {
            case KICK -> pitchedDrum(out, start, velocity, sampleRate, 48, 140, 0.03, 0.22, random);
            case LOW_TOM -> pitchedDrum(out, start, velocity * 0.8, sampleRate, 95, 140, 0.05, 0.25, random);
            case HIGH_TOM -> pitchedDrum(out, start, velocity * 0.8, sampleRate, 150, 210, 0.05, 0.2, random);
            case SNARE -> {
                tone(out, start, velocity * 0.5, sampleRate, 185, 0.06);
                noise(out, start, velocity * 0.8, sampleRate, 1800 * brightness, 0.6, 0.0005, 0.13, random, Filter.HIGH);
            }
            case RIMSHOT -> {
                tone(out, start, velocity * 0.5, sampleRate, 420, 0.02);
                noise(out, start, velocity * 0.6, sampleRate, 2500 * brightness, 1.5, 0.0002, 0.025, random, Filter.BAND);
            }
            case BRUSH -> noise(out, start, velocity * 0.35, sampleRate, 3500 * brightness, 0.7, 0.012, 0.12, random, Filter.LOW);
            case CLAP -> {
                for (int burst = 0; burst < 3; burst++) {
                    noise(out, start + burst * sampleRate / 100, velocity * 0.6, sampleRate, 1200 * brightness, 1.2,
                            0.0005, 0.008, random, Filter.BAND);
                }
                noise(out, start + 3 * sampleRate / 100, velocity * 0.5, sampleRate, 1200 * brightness, 1.0, 0.001, 0.09,
                        random, Filter.BAND);
            }
            case CLOSED_HAT -> noise(out, start, velocity * 0.35, sampleRate, 7000 * brightness, 0.7, 0.0005, 0.035, random, Filter.HIGH);
            case PEDAL_HAT -> noise(out, start, velocity * 0.25, sampleRate, 6000 * brightness, 0.7, 0.003, 0.03, random, Filter.HIGH);
            case OPEN_HAT -> noise(out, start, velocity * 0.3, sampleRate, 6500 * brightness, 0.7, 0.0005, 0.22, random, Filter.HIGH);
            case CRASH -> noise(out, start, velocity * 0.35, sampleRate, 4000 * brightness, 0.7, 0.0005, 1.0, random, Filter.HIGH);
            case RIDE -> {
                noise(out, start, velocity * 0.12, sampleRate, 6000 * brightness, 0.7, 0.0005, 0.45, random, Filter.HIGH);
                for (double partial : new double[] {523, 786, 1233}) {
                    tone(out, start, velocity * 0.07, sampleRate, partial, 0.35);
                }
            }
            default -> throw new IllegalArgumentException(drum + " is not a drum");
        }
    }

    private enum Filter { LOW, BAND, HIGH }

    /** A sine whose pitch falls exponentially from {@code highHz} to {@code lowHz}, with a click. */
    private static void pitchedDrum(float[] out, int start, double velocity, int sampleRate, double lowHz,
                                    double highHz, double pitchDecay, double decay, SplittableRandom random) {
        int length = Math.min(out.length - start, (int) (4 * decay * sampleRate)); // to -35 dB
        double amplitude = velocity;
        double ampFactor = Oscillators.decayFactor(decay, sampleRate);
        double sweep = highHz - lowHz;
        double sweepFactor = Oscillators.decayFactor(pitchDecay, sampleRate);
        double phase = 0;
        int clickSamples = sampleRate / 400;
        for (int i = 0; i < length; i++) {
            double click = i < clickSamples ? (random.nextDouble() * 2 - 1) * 0.3 * (1 - i / (double) clickSamples) : 0;
            out[start + i] += (float) (amplitude * fade(i, length) * (Oscillators.sine(phase) + click));
            phase = Oscillators.advance(phase, (lowHz + sweep) / sampleRate);
            sweep *= sweepFactor;
            amplitude *= ampFactor;
        }
    }

    /** A decaying sine. */
    private static void tone(float[] out, int start, double velocity, int sampleRate, double hz, double decay) {
        int length = Math.min(out.length - start, (int) (4 * decay * sampleRate)); // to -35 dB
        double amplitude = velocity;
        double factor = Oscillators.decayFactor(decay, sampleRate);
        double phase = 0;
        for (int i = 0; i < length; i++) {
            out[start + i] += (float) (amplitude * fade(i, length) * Oscillators.sine(phase));
            phase = Oscillators.advance(phase, hz / sampleRate);
            amplitude *= factor;
        }
    }

    /** 1, falling linearly to 0 over the last 64 samples of a sound, so that cutting it off is silent. */
    private static double fade(int i, int length) {
        int left = length - i;
        return left < 64 ? left / 64.0 : 1.0;
    }

    /** Filtered white noise with a linear attack and exponential decay. */
    private static void noise(float[] out, int start, double velocity, int sampleRate, double cutoff, double q,
                              double attack, double decay, SplittableRandom random, Filter type) {
        if (start >= out.length) {
            return;
        }
        Envelope envelope = new Envelope(attack, decay, 0, decay, attack, sampleRate);
        StateVariableFilter filter = new StateVariableFilter(cutoff, q, sampleRate);
        int length = Math.min(out.length - start, envelope.length());
        for (int i = 0; i < length; i++) {
            filter.step(random.nextDouble() * 2 - 1);
            double y = switch (type) {
                case LOW -> filter.low();
                case BAND -> filter.band();
                case HIGH -> filter.high();
            };
            out[start + i] += (float) (velocity * envelope.next() * y);
        }
    }
}
