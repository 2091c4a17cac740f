package org.advmusic.audio.synth;

import java.util.SplittableRandom;

/**
 * Drum sounds from noise and pitched envelopes, added into a buffer: kick and toms are sines falling
 * in pitch; snare, rimshot, brush and clap are filtered noise bursts (with a tone for snare and
 * rimshot); hats and cymbals are high-passed noise with short or long decays, the ride with an
 * inharmonic bell. Every sound is cut 35 dB below its start, with a short fade.
 */
final class DrumVoices {
    private DrumVoices() {
    }

    private enum Filter { LOW, BAND, HIGH }

    /** Where and how loud one hit sounds; {@code brightness} scales the noise filters' cut-offs. */
    private record Hit(float[] out, int start, double velocity, int sampleRate, double brightness, SplittableRandom random) {
        Hit later(int samples) {
            return new Hit(out, start + samples, velocity, sampleRate, brightness, random);
        }
    }

    /** Adds one hit of {@code drum} at sample {@code start} of {@code out}. */
    static void hit(Instrument drum, double velocity, int start, float[] out, int sampleRate, double brightness,
                    SplittableRandom random) {
        Hit h = new Hit(out, start, velocity, sampleRate, brightness, random);
        switch (drum) {
            //                        low Hz, high Hz, pitch decay, decay, level
            case KICK -> pitchedDrum(h, 48, 140, 0.03, 0.22, 1.0);
            case LOW_TOM -> pitchedDrum(h, 95, 140, 0.05, 0.25, 0.8);
            case HIGH_TOM -> pitchedDrum(h, 150, 210, 0.05, 0.2, 0.8);
            //                          filter, cutoff, q, attack, decay, level
            case SNARE -> {
                tone(h, 185, 0.06, 0.5);
                noise(h, Filter.HIGH, 1800, 0.6, 0.0005, 0.13, 0.8);
            }
            case RIMSHOT -> {
                tone(h, 420, 0.02, 0.5);
                noise(h, Filter.BAND, 2500, 1.5, 0.0002, 0.025, 0.6);
            }
            case BRUSH -> noise(h, Filter.LOW, 3500, 0.7, 0.012, 0.12, 0.35);
            case CLAP -> {
                int gap = sampleRate / 100; // three 10 ms apart, then the tail
                for (int burst = 0; burst < 3; burst++) {
                    noise(h.later(burst * gap), Filter.BAND, 1200, 1.2, 0.0005, 0.008, 0.6);
                }
                noise(h.later(3 * gap), Filter.BAND, 1200, 1.0, 0.001, 0.09, 0.5);
            }
            case CLOSED_HAT -> noise(h, Filter.HIGH, 7000, 0.7, 0.0005, 0.035, 0.35);
            case PEDAL_HAT -> noise(h, Filter.HIGH, 6000, 0.7, 0.003, 0.03, 0.25);
            case OPEN_HAT -> noise(h, Filter.HIGH, 6500, 0.7, 0.0005, 0.22, 0.3);
            case CRASH -> noise(h, Filter.HIGH, 4000, 0.7, 0.0005, 1.0, 0.35);
            case RIDE -> {
                noise(h, Filter.HIGH, 6000, 0.7, 0.0005, 0.45, 0.12);
                for (double partial : new double[] {523, 786, 1233}) {
                    tone(h, partial, 0.35, 0.07);
                }
            }
            default -> throw new IllegalArgumentException(drum + " is not a drum");
        }
    }

    /** A sine whose pitch falls exponentially from {@code highHz} to {@code lowHz}, with a click. */
    private static void pitchedDrum(Hit h, double lowHz, double highHz, double pitchDecay, double decay, double level) {
        int length = Math.min(h.out().length - h.start(), (int) (4 * decay * h.sampleRate()));
        double amplitude = level * h.velocity();
        double ampFactor = Oscillators.decayFactor(decay, h.sampleRate());
        double sweep = highHz - lowHz;
        double sweepFactor = Oscillators.decayFactor(pitchDecay, h.sampleRate());
        double phase = 0;
        int clickSamples = h.sampleRate() / 400;
        for (int i = 0; i < length; i++) {
            double click = i < clickSamples ? (h.random().nextDouble() * 2 - 1) * 0.3 * (1 - i / (double) clickSamples) : 0;
            h.out()[h.start() + i] += (float) (amplitude * fade(i, length) * (Oscillators.sine(phase) + click));
            phase = Oscillators.advance(phase, (lowHz + sweep) / h.sampleRate());
            sweep *= sweepFactor;
            amplitude *= ampFactor;
        }
    }

    /** A decaying sine. */
    private static void tone(Hit h, double hz, double decay, double level) {
        int length = Math.min(h.out().length - h.start(), (int) (4 * decay * h.sampleRate()));
        double amplitude = level * h.velocity();
        double factor = Oscillators.decayFactor(decay, h.sampleRate());
        double phase = 0;
        for (int i = 0; i < length; i++) {
            h.out()[h.start() + i] += (float) (amplitude * fade(i, length) * Oscillators.sine(phase));
            phase = Oscillators.advance(phase, hz / h.sampleRate());
            amplitude *= factor;
        }
    }

    /** Filtered white noise with a linear attack and exponential decay; the cut-off scales with brightness. */
    private static void noise(Hit h, Filter type, double cutoff, double q, double attack, double decay, double level) {
        if (h.start() >= h.out().length) {
            return;
        }
        Envelope envelope = new Envelope(attack, decay, 0, decay, attack, h.sampleRate());
        StateVariableFilter filter = new StateVariableFilter(cutoff * h.brightness(), q, h.sampleRate());
        int length = Math.min(h.out().length - h.start(), envelope.length());
        double amplitude = level * h.velocity();
        for (int i = 0; i < length; i++) {
            filter.step(h.random().nextDouble() * 2 - 1);
            double y = switch (type) {
                case LOW -> filter.low();
                case BAND -> filter.band();
                case HIGH -> filter.high();
            };
            h.out()[h.start() + i] += (float) (amplitude * envelope.next() * y);
        }
    }

    /** 1, falling linearly to 0 over the last 64 samples of a sound, so that cutting it off is silent. */
    private static double fade(int i, int length) {
        int left = length - i;
        return left < 64 ? left / 64.0 : 1.0;
    }
}
