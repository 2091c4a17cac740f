/**
 * Training: the {@link org.advmusic.nn.train.Trainer} loop, learning-rate schedulers, early stopping,
 * batched inference, histories and resumable checkpoints.
 */
package org.advmusic.nn.train;
