package org.advmusic.audio.synth;

import java.util.Map;

/**
 * How a score's instruments are mixed and coloured.
 *
 * @param gains          linear gain per instrument (absent: 1)
 * @param drive          distortion drive of distorted guitars (1 = mild, 20 = metal)
 * @param brightness     multiplies every voice's filter cut-off (1 = neutral)
 * @param reverb         wet level of the room reverb (0 = dry)
 * @param noiseDecibels  level of the background hiss relative to full scale (e.g. -50)
 * @param vinylCrackle   whether to add sparse clicks (a sampled-record texture)
 * @param peak           the mix is normalised to this peak absolute sample value
 */
public record TrackMix(Map<Instrument, Double> gains, double drive, double brightness, double reverb,
                       double noiseDecibels, boolean vinylCrackle, double peak) {

    public TrackMix {
        gains = Map.copyOf(gains);
    }

    /** The gain of {@code instrument}. */
    public double gain(Instrument instrument) {
        return gains.getOrDefault(instrument, 1.0);
    }
}
