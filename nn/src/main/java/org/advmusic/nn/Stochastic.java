package org.advmusic.nn;

/**
 * A module that draws random numbers (dropout masks) from a counter-based stream: a fixed seed plus
 * a counter of draws. Saving and restoring the counter is all it takes to resume training exactly.
 */
public interface Stochastic {

    /** How many times this module has drawn random numbers so far. */
    long randomCounter();

    /** Sets the counter, so that the next draw is the one that followed {@code counter} draws. */
    void restoreRandomCounter(long counter);
}
