package org.advmusic.audio.synth;

/**
 * An amplitude envelope: linear attack to 1, exponential decay towards the sustain level while the
 * note is held, exponential release after it. {@link #next()} gives one value per sample.
 */
final class Envelope {
    private final int attackSamples;
    private final int heldSamples;
    private final double sustain;
    private final double decayFactor;
    private final double releaseFactor;
    private final int length;
    private int n;
    private double level;

    /**
     * @param attack  seconds to reach full level
     * @param decay   time constant (s) of the fall towards {@code sustain}
     * @param sustain level held until the note ends (0 for plucked sounds)
     * @param release time constant (s) of the fall after the note ends
     * @param held    seconds the note is held
     */
    Envelope(double attack, double decay, double sustain, double release, double held, int sampleRate) {
        this.attackSamples = Math.max(1, (int) (attack * sampleRate));
        this.heldSamples = Math.max(1, (int) (held * sampleRate));
        this.sustain = sustain;
        this.decayFactor = Oscillators.decayFactor(decay, sampleRate);
        this.releaseFactor = Oscillators.decayFactor(release, sampleRate);
        this.length = Math.max(heldSamples, attackSamples) + (int) (4 * release * sampleRate);
    }

    /** Samples until the envelope is negligible: held time plus four release time constants (-35 dB). */
    int length() {
        return length;
    }

    /** The next value. */
    double next() {
        if (n < attackSamples) {
            level = (n + 1) / (double) attackSamples;
        } else if (n < heldSamples) {
            level = sustain + (level - sustain) * decayFactor;
        } else {
            level *= releaseFactor;
        }
        n++;
        int left = length - n;
        return left < 64 ? level * left / 64.0 : level; // a short fade so the cut is silent
    }
}
