package org.advmusic.engine;

/**
 * A counter-based pseudo-random generator: value {@code i} of stream {@code seed} is a pure function
 * of {@code (seed, i)} (two rounds of the SplitMix64 finaliser). Every backend computes the same
 * numbers in any order and on any number of threads, which makes seeded runs reproducible across
 * devices. The CUDA kernel {@code fill_random} implements the same functions.
 */
public final class CounterRandom {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private CounterRandom() {
    }

    /** The SplitMix64 finaliser: a bijective mixing of 64 bits. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** 64 random bits for element {@code index} of stream {@code seed}. */
    public static long bits(long seed, long index) {
        return mix(mix(seed) + (index + 1) * GOLDEN_GAMMA);
    }

    /** Uniform on {@code [0, 1)} with 53 random bits. */
    public static double uniform(long seed, long index) {
        return (bits(seed, index) >>> 11) * 0x1.0p-53;
    }

    /** Standard normal by Box-Muller from the uniforms at {@code 2 index} and {@code 2 index + 1}. */
    public static double normal(long seed, long index) {
        double u1 = uniform(seed, 2 * index);
        double u2 = uniform(seed, 2 * index + 1);
        return Math.sqrt(-2.0 * Math.log(1.0 - u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** A new seed for sub-stream {@code stream} of {@code seed} (for example one per layer or epoch). */
    public static long derive(long seed, long stream) {
        return bits(seed ^ 0x5DEECE66DL, stream);
    }
}
