package org.advmusic.experiments.pipeline;

import java.nio.charset.StandardCharsets;
import org.advmusic.engine.CounterRandom;

/**
 * Seeds of the attacks on a track: derived from the master seed, the cell and the track, never from a
 * batch, a task or a partition, so that the robustness stage and a sweep of any partitioning give the
 * same per-sample rows.
 */
public final class CellSeeds {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private CellSeeds() {
    }

    /** The seed of {@code track}'s attack in {@code cell}. */
    public static long of(long masterSeed, AttackCell cell, String track) {
        return of(masterSeed, cell.key(), track);
    }

    /** The seed of {@code track}'s attack in the cell whose key is {@code cellKey} (a defense cell's too). */
    public static long of(long masterSeed, String cellKey, String track) {
        return CounterRandom.derive(CounterRandom.derive(masterSeed, hash(cellKey)), hash(track));
    }

    /** A stable 64-bit FNV-1a hash of the UTF-8 bytes of {@code text} (String.hashCode has only 32 bits). */
    static long hash(String text) {
        long h = FNV_OFFSET;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * FNV_PRIME;
        }
        return h;
    }
}
