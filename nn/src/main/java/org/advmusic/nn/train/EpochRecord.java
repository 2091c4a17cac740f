package org.advmusic.nn.train;

/**
 * What one epoch did. Losses and accuracies are means over the epoch's samples; the training ones
 * are measured during the epoch (training mode), the validation ones after it (evaluation mode).
 *
 * @param epoch              1-based epoch number
 * @param trainingLoss       mean training loss
 * @param trainingAccuracy   fraction of training samples classified correctly
 * @param validationLoss     mean validation loss, or null without validation data
 * @param validationAccuracy validation accuracy, or null without validation data
 * @param learningRate       the learning rate used during the epoch
 * @param seconds            wall-clock time of the epoch, validation included
 */
public record EpochRecord(int epoch, double trainingLoss, double trainingAccuracy, Double validationLoss,
                          Double validationAccuracy, double learningRate, double seconds) {
}
