package org.advmusic.nn.train;

import java.util.List;
import java.util.Map;
import org.advmusic.nn.Stochastic;

/**
 * Everything besides weights and optimizer tensors that training needs to resume exactly, stored as
 * {@code training.json} in the {@code last} checkpoint. The shuffling of epoch {@code e} depends only
 * on {@code (seed, e)}, and dropout masks only on each layer's seed and counter, so the random state
 * is the seed plus {@code randomStreams}.
 *
 * @param completedEpochs epochs finished
 * @param globalStep      training steps taken over all epochs
 * @param seed            the shuffling seed of the run
 * @param learningRate    the optimizer's rate for the next epoch
 * @param scheduler       the scheduler's state, or null without a scheduler
 * @param earlyStopping   early stopping's progress, or null without early stopping
 * @param randomStreams   the model's random streams by module path
 * @param history         the records of the completed epochs
 */
public record TrainingState(int completedEpochs, long globalStep, long seed, double learningRate,
                            Map<String, Double> scheduler, EarlyStopping.State earlyStopping,
                            Map<String, Stochastic.RandomStream> randomStreams, List<EpochRecord> history) {
}
