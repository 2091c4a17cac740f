package org.advmusic.distributed;

import java.nio.charset.StandardCharsets;
import org.advmusic.engine.CounterRandom;

/**
 * Seeds of a sweep: derived from the master seed, the cell and the track, never from the task or the
 * partition, so that every partitioning gives the same per-sample rows.
 */
public final class SweepSeeds {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private SweepSeeds() {
    }

    /** The seed of {@code track}'s attack in {@code cell}. */
    public static long of(long masterSeed, SweepCell cell, String track) {
        return CounterRandom.derive(CounterRandom.derive(masterSeed, hash(cell.key())), hash(track));
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
