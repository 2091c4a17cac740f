/**
 * Black-box attacks on audio signals: a perturbation representation (raw samples, band-limited
 * noise on a coarse time-frequency grid, or an equaliser on the signal) searched by the genetic
 * attack against any waveform pipeline, with a peak (dBFS) budget; targeted, with scores or labels
 * only. Also confidence maximisation ({@link org.advmusic.attacks.waveform.ConfidenceMaximizer}): a
 * signal made for one class, aimed at a high-margin feature point
 * ({@link org.advmusic.attacks.waveform.FeatureSpaceTarget}) and reached by fitting a
 * {@link org.advmusic.attacks.waveform.SpectralEnvelopeSignal} to it
 * ({@link org.advmusic.attacks.waveform.LevenbergMarquardt}).
 */
package org.advmusic.attacks.waveform;
