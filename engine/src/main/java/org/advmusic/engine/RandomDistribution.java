package org.advmusic.engine;

/** Distributions for {@link Backend#fillRandom}. */
public enum RandomDistribution {
    /** uniform on {@code [a, b)} */
    UNIFORM,
    /** normal with mean {@code a} and standard deviation {@code b} */
    NORMAL
}
