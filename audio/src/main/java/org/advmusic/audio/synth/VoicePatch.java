package org.advmusic.audio.synth;

/**
 * The settings of a subtractive voice: a mix of oscillators (each detuned copy of sine, saw and
 * square), a low-pass and a high-pass filter, an amplitude envelope, vibrato and breath noise.
 *
 * @param sine        level of the sine
 * @param saw         level of the sawtooth
 * @param square      level of the square
 * @param copies      detuned copies of each oscillator (1 = none)
 * @param detuneCents spread of the copies
 * @param cutoff      low-pass cut-off in Hz (scaled by the track's brightness)
 * @param highPass    high-pass cut-off in Hz (0 = none)
 * @param attack      envelope attack (s)
 * @param decay       envelope decay time constant (s)
 * @param sustain     envelope sustain level
 * @param release     envelope release time constant (s)
 * @param vibratoHz   vibrato rate
 * @param vibratoDepth vibrato depth as a frequency fraction (0.004 = 7 cents)
 * @param breath      level of low-passed noise mixed in
 * @param glide       initial pitch ratio gliding to 1 in 40 ms (1 = none; the 808 bass drops from 1.5)
 */
record VoicePatch(double sine, double saw, double square, int copies, double detuneCents, double cutoff, double highPass,
                  double attack, double decay, double sustain, double release, double vibratoHz, double vibratoDepth,
                  double breath, double glide) {
}
