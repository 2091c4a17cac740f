package org.advmusic.experiments.pipeline;

import java.io.Serializable;

/**
 * A test track the robustness grid attacks (the unit of its work), as a sweep's driver describes it to
 * the executors.
 *
 * @param track the track id
 * @param label the true class
 * @param file  the audio file, a path every executor can read (a shared file system on a cluster)
 */
public record AttackTrack(String track, int label, String file) implements Serializable {
    private static final long serialVersionUID = 1L;
}
