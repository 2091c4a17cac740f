package org.advmusic.nn;

/**
 * A module that draws random numbers (dropout masks) from a counter-based stream: a seed plus a
 * counter of draws. Saving and restoring the stream is all it takes to resume training exactly, even
 * in a module that was constructed with another seed.
 */
public interface Stochastic {

    /**
     * The position of a random stream.
     *
     * @param seed    the stream's seed
     * @param counter how many draws were made
     */
    record RandomStream(long seed, long counter) {
        public RandomStream {
            if (counter < 0) {
                throw new IllegalArgumentException("random stream: counter " + counter + ", expected >= 0");
            }
        }
    }

    /** The current position of this module's stream. */
    RandomStream randomStream();

    /** Continues from a saved position: the next draw is the one that followed it. */
    void restoreRandomStream(RandomStream stream);
}
