/**
 * Black-box attacks on audio signals: a perturbation representation (raw samples, or band-limited
 * noise on a coarse time-frequency grid) searched by the genetic attack against any waveform
 * pipeline, with a peak (dBFS) budget; targeted, with scores or labels only.
 */
package org.advmusic.attacks.waveform;
