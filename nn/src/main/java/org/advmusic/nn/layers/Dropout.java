package org.advmusic.nn.layers;

import org.advmusic.engine.CounterRandom;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.Capture;
import org.advmusic.nn.Module;
import org.advmusic.nn.Stochastic;

/**
 * Inverted dropout: in training mode each element is zeroed with probability {@code p} and the
 * others are scaled by {@code 1 / (1 - p)}; in evaluation mode the input passes unchanged. The mask
 * of the k-th training forward pass comes from the seed {@code CounterRandom.derive(seed, k)}, so
 * runs are reproducible and resume exactly once the stream (seed and counter) is restored.
 */
public final class Dropout extends Module implements Stochastic {
    private final double probability;
    private long seed;
    private long calls;

    /** @param probability of zeroing an element, in {@code [0, 1)} */
    public Dropout(double probability, long seed) {
        if (!(probability >= 0 && probability < 1)) {
            throw new IllegalArgumentException("Dropout: probability " + probability + ", expected within [0, 1)");
        }
        this.probability = probability;
        this.seed = seed;
    }

    /** The probability of zeroing an element. */
    public double probability() {
        return probability;
    }

    /** any shape -> the same shape */
    @Override
    protected Tensor compute(Tensor input, Capture capture) {
        if (!isTraining() || probability == 0) {
            return input;
        }
        return org.advmusic.engine.ops.InvertedDropout.apply(input, probability, CounterRandom.derive(seed, calls++));
    }

    @Override
    public RandomStream randomStream() {
        return new RandomStream(seed, calls);
    }

    @Override
    public void restoreRandomStream(RandomStream stream) {
        seed = stream.seed();
        calls = stream.counter();
    }
}
