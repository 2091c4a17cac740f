package org.advmusic.audio.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Soundbank;
import org.advmusic.audio.dsp.Framing;
import org.advmusic.audio.dsp.PaddingMode;
import org.advmusic.audio.dsp.PowerSpectrogram;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SoundFont rendering with a real .sf2 file: the JDK's default soundbank (Gervill's, a SoundFont
 * built in memory) is saved to a temporary .sf2 and passed as the user's file. Skipped, with the
 * reason, where the JVM lacks the synthesizer, its default soundbank, or the module export.
 */
class SoundFontSynthTest {
    @TempDir
    Path folder;
    private Path soundFont;

    @BeforeEach
    void saveTheDefaultSoundbankAsSf2() throws MidiUnavailableException {
        assumeTrue(SoundFontSynth.available(), "needs --add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED");
        Soundbank bank = MidiSystem.getSynthesizer().getDefaultSoundbank();
        assumeTrue(bank != null, "this JDK has no default soundbank");
        soundFont = folder.resolve("default.sf2");
        try {
            bank.getClass().getMethod("save", File.class).invoke(bank, soundFont.toFile());
        } catch (ReflectiveOperationException e) {
            assumeTrue(false, "the default soundbank (" + bank.getClass().getName() + ") cannot be saved as .sf2: " + e);
        }
    }

    @Test
    void aPianoNoteRendersAtItsPitch() throws IOException {
        TrackMix mix = new TrackMix(Map.of(), 1, 1, 0, -90, false, 0.8);
        Score score = new Score("test", 2.0, 120, List.of(new Note(Instrument.PIANO, 0.1, 1.0, 69, 0.9)), mix);
        float[] audio = SoundFontSynth.render(score, 22050, soundFont, 1);
        assertEquals(44100, audio.length);
        double peak = 0;
        for (float x : audio) {
            peak = Math.max(peak, Math.abs(x));
        }
        assertEquals(0.8, peak, 0.01, "normalised to the mix peak");

        PowerSpectrogram stft = new PowerSpectrogram(new Framing(4096, 1024, true, PaddingMode.ZERO));
        float[] power = new float[stft.bins()];
        stft.framePower(audio, 0, audio.length, 10, power); // about 0.46 s: the note sounds
        int strongest = 0;
        for (int k = 1; k < power.length; k++) {
            strongest = power[k] > power[strongest] ? k : strongest;
        }
        double hz = strongest * 22050.0 / 4096;
        assertEquals(440.0, hz, 2 * 22050.0 / 4096, "A4's fundamental is the strongest partial; found " + hz + " Hz");
    }

    @Test
    void theGeneratorRendersDeterministicallyThroughTheSoundFont() throws IOException {
        SyntheticGenreSettings settings = new SyntheticGenreSettings(List.of("rock"), 1, 2.0, 22050, 8, 1, soundFont);
        Path a = SyntheticGenres.generate(folder.resolve("a"), settings);
        Path b = SyntheticGenres.generate(folder.resolve("b"), settings);
        byte[] first = Files.readAllBytes(SyntheticGenres.file(a, "rock", 0));
        assertArrayEquals(first, Files.readAllBytes(SyntheticGenres.file(b, "rock", 0)));
        assertTrue(first.length > 2 * 22050 * 2, "2 s of 16-bit audio plus the header");
    }

    @Test
    void anUnreadableSoundFontIsReportedWithItsPath() throws IOException {
        Path bad = Files.writeString(folder.resolve("bad.sf2"), "not a soundfont");
        Score score = new Score("test", 0.5, 120, List.of(), new TrackMix(Map.of(), 1, 1, 0, -90, false, 0.5));
        IOException e = assertThrows(IOException.class, () -> SoundFontSynth.render(score, 22050, bad, 1));
        assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
    }
}
