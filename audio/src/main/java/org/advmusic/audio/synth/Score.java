package org.advmusic.audio.synth;

import java.util.List;

/**
 * A composed track, independent of how it is rendered.
 *
 * @param genre          the genre name
 * @param seconds        the track length
 * @param beatsPerMinute tempo
 * @param notes          all notes, any order
 * @param mix            mixing and colour
 */
public record Score(String genre, double seconds, double beatsPerMinute, List<Note> notes, TrackMix mix) {

    public Score {
        notes = List.copyOf(notes);
    }
}
