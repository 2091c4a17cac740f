/**
 * The stages of an experiment: prepare the data, train models, attack the baseline, train and
 * evaluate the defenses, Grad-CAM, listenable audio. Each stage reads the resolved configuration,
 * writes its numbers into the run's {@code metrics.json} (see experiments/RESULTS.md) and its files
 * into the run folder.
 */
package org.advmusic.experiments.pipeline;
