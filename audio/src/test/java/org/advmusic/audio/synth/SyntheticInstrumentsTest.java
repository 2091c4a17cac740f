package org.advmusic.audio.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.advmusic.audio.io.DecodedAudio;
import org.advmusic.audio.io.WavReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticInstrumentsTest {
    @TempDir
    Path root;

    @Test
    void excerptsAreDeterministicThreeSecondsAtLevelsSharedByAllClasses() {
        for (String cls : SyntheticInstruments.CLASSES) {
            float[] a = SyntheticInstruments.render(cls, 2, 5L);
            assertArrayEquals(a, SyntheticInstruments.render(cls, 2, 5L), cls);
            assertEquals(132300, a.length);
            double peak = 0;
            for (float v : a) {
                peak = Math.max(peak, Math.abs(v));
            }
            double dbfs = 20 * Math.log10(peak);
            assertTrue(dbfs > -26.5 && dbfs < -5.5, cls + " peak " + dbfs + " dBFS");
        }
    }

    @Test
    void writesStereoSixteenBitFilesInIrmasLayout() throws Exception {
        SyntheticInstruments.generate(root, 1, 5L, 2);
        Path file = SyntheticInstruments.file(root, "gel", 0);
        assertEquals("000__[gel][nod][pop_roc]0000__1.wav", file.getFileName().toString());
        DecodedAudio audio = WavReader.read(file);
        assertEquals(2, audio.channels().length);
        assertEquals(44100, audio.sampleRate(), 0.0);
        assertEquals(3.0, audio.seconds(), 1e-9);
    }

    @Test
    void unknownClassIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SyntheticInstruments.render("kazoo", 0, 1L));
        assertTrue(e.getMessage().contains("kazoo"), e.getMessage());
    }
}
