package org.advmusic.audio.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.advmusic.audio.dsp.MelNormalization;
import org.advmusic.audio.dsp.MelScale;
import org.advmusic.audio.dsp.PaddingMode;
import org.advmusic.audio.synth.SyntheticInstruments;
import org.junit.jupiter.api.Test;

/** The 25 instrument features are the librosa-checked tabular features' means at the file's rate. */
class InstrumentFeaturesTest {

    @Test
    void areTheTabularMeansAtTheSampleRate() {
        float[] clip = SyntheticInstruments.render("sax", 3, 11L);
        double[] features = new InstrumentFeatures(44100).compute(clip);
        FrontEndSettings at44k = new FrontEndSettings(44100, 2048, 512, true, PaddingMode.ZERO, 128, 0.0, 22050.0,
                MelScale.SLANEY, MelNormalization.SLANEY, 1e-10, 80.0);
        float[] tabular = new TabularFeatures(at44k).compute(clip);
        assertEquals(25, InstrumentFeatures.featureNames().size());
        for (int f = 0; f < 25; f++) {
            String name = InstrumentFeatures.featureNames().get(f);
            int column = TabularFeatures.featureNames().indexOf(name);
            assertEquals(tabular[column], features[f], 1e-4 * Math.max(1, Math.abs(features[f])), name);
        }
    }
}
