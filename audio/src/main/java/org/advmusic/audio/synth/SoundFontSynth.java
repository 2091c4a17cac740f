package org.advmusic.audio.synth;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Receiver;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Soundbank;
import javax.sound.midi.Synthesizer;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;

/**
 * Renders a {@link Score} through the JDK's software synthesizer (Gervill) with a General MIDI
 * SoundFont, faster than real time and without a sound device: the synthesizer is opened with
 * {@code AudioSynthesizer.openStream}, every note is sent as timestamped MIDI, and the stream is read
 * for the score's length. Each pitched instrument gets a channel and its GM program, drums play on
 * channel 10, instrument gains become channel volumes; the result is finished like the built-in
 * render (normalised, hiss added).
 *
 * <p>{@code openStream} belongs to {@code com.sun.media.sound.AudioSynthesizer}, which
 * {@code java.desktop} does not export: the JVM needs
 * {@code --add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED} (also accepted as an
 * {@code Add-Exports} entry of an executable jar's manifest).
 */
public final class SoundFontSynth {
    private static final String INTERNAL_PACKAGE = "com.sun.media.sound";
    private static final int DRUM_CHANNEL = 9;

    private SoundFontSynth() {
    }

    /** Whether this JVM lets us call {@code openStream} (the package is exported to this code). */
    public static boolean available() {
        return Synthesizer.class.getModule().isExported(INTERNAL_PACKAGE, SoundFontSynth.class.getModule());
    }

    /**
     * @param soundFont a .sf2 (or other format {@link MidiSystem#getSoundbank} reads) file; null for the
     *                  JDK's default soundbank
     * @param seed      seeds the added hiss
     * @return mono samples, {@code round(seconds * sampleRate)} of them
     * @throws IOException           when the SoundFont cannot be read
     * @throws IllegalStateException when the JVM does not export the synthesizer's stream API, or no
     *                               software synthesizer exists
     */
    public static float[] render(Score score, int sampleRate, Path soundFont, long seed) throws IOException {
        if (!available()) {
            throw new IllegalStateException("SoundFont rendering needs the JVM option --add-exports java.desktop/"
                    + INTERNAL_PACKAGE + "=ALL-UNNAMED (javax.sound.midi has no public API to render without a sound device)");
        }
        Soundbank bank = null;
        if (soundFont != null) {
            try {
                bank = MidiSystem.getSoundbank(soundFont.toFile());
            } catch (InvalidMidiDataException e) {
                throw new IOException(soundFont + ": not a readable SoundFont: " + e.getMessage(), e);
            }
        }
        int length = (int) Math.round(score.seconds() * sampleRate);
        AudioFormat format = new AudioFormat(sampleRate, 16, 1, true, false);
        Synthesizer synthesizer;
        try {
            synthesizer = MidiSystem.getSynthesizer();
        } catch (MidiUnavailableException e) {
            throw new IllegalStateException("no software MIDI synthesizer in this JVM: " + e.getMessage(), e);
        }
        byte[] bytes = new byte[length * 2];
        try (AudioInputStream stream = openStream(synthesizer, format, bank == null)) {
            if (bank != null && !synthesizer.loadAllInstruments(bank)) {
                throw new IOException(soundFont + ": the synthesizer did not accept the SoundFont's instruments");
            }
            send(score, synthesizer.getReceiver());
            int read = 0;
            while (read < bytes.length) {
                int n = stream.read(bytes, read, bytes.length - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
        } catch (MidiUnavailableException e) {
            throw new IllegalStateException("the software synthesizer could not be opened: " + e.getMessage(), e);
        } finally {
            synthesizer.close();
        }
        float[] out = new float[length];
        ByteBuffer data = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < length; i++) {
            out[i] = data.getShort(2 * i) / 32768f;
        }
        BuiltInSynth.finish(out, score.mix(), sampleRate, new SplittableRandom(seed));
        return out;
    }

    private static AudioInputStream openStream(Synthesizer synthesizer, AudioFormat format, boolean defaultBank)
            throws MidiUnavailableException {
        try {
            Class<?> audioSynthesizer = Class.forName(INTERNAL_PACKAGE + ".AudioSynthesizer");
            if (!audioSynthesizer.isInstance(synthesizer)) {
                throw new IllegalStateException("the default synthesizer " + synthesizer.getClass().getName()
                        + " cannot render to a stream");
            }
            Method open = audioSynthesizer.getMethod("openStream", AudioFormat.class, Map.class);
            Map<String, Object> info = new HashMap<>();
            info.put("load default soundbank", defaultBank);
            info.put("reverb", Boolean.FALSE);
            info.put("chorus", Boolean.FALSE);
            return (AudioInputStream) open.invoke(synthesizer, format, info);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof MidiUnavailableException m) {
                throw m;
            }
            throw new IllegalStateException("openStream failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the JDK's synthesizer has no openStream(AudioFormat, Map): " + e, e);
        }
    }

    /** Sends program changes, volumes and every note on/off with its timestamp in microseconds. */
    private static void send(Score score, Receiver receiver) {
        Map<Instrument, Integer> channels = new EnumMap<>(Instrument.class);
        List<TimedMessage> messages = new ArrayList<>();
        for (Note note : score.notes()) {
            Instrument instrument = note.instrument();
            int channel = instrument.drum() ? DRUM_CHANNEL : channels.computeIfAbsent(instrument, i -> {
                int next = channels.size() >= DRUM_CHANNEL ? channels.size() + 1 : channels.size();
                if (next > 15) {
                    throw new IllegalStateException("a score with more than 15 pitched instruments cannot be rendered over MIDI");
                }
                messages.add(message(0, ShortMessage.PROGRAM_CHANGE, next, i.midiNumber(), 0));
                int volume = (int) Math.max(1, Math.min(127, Math.round(90 * score.mix().gain(i))));
                messages.add(message(0, ShortMessage.CONTROL_CHANGE, next, 7, volume));
                return next;
            });
            int key = instrument.drum() ? instrument.midiNumber() : note.pitch();
            int velocity = (int) Math.max(1, Math.min(127, Math.round(note.velocity() * 127)));
            long on = Math.round(note.start() * 1e6);
            long off = on + Math.max(1000, Math.round((instrument.drum() ? 0.1 : note.duration()) * 1e6));
            messages.add(message(on, ShortMessage.NOTE_ON, channel, key, velocity));
            messages.add(message(off, ShortMessage.NOTE_OFF, channel, key, 0));
        }
        messages.sort(Comparator.comparingLong(TimedMessage::microseconds));
        for (TimedMessage m : messages) {
            receiver.send(m.message(), m.microseconds());
        }
    }

    private record TimedMessage(long microseconds, MidiMessage message) {
    }

    private static TimedMessage message(long microseconds, int command, int channel, int data1, int data2) {
        try {
            return new TimedMessage(microseconds, new ShortMessage(command, channel, data1, data2));
        } catch (InvalidMidiDataException e) {
            throw new IllegalArgumentException("invalid MIDI message " + command + " " + channel + " " + data1 + " " + data2, e);
        }
    }
}
