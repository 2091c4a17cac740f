/**
 * Waveform-domain attacks' audio side: the differentiable log-mel front end
 * ({@link org.advmusic.audio.waveform.WaveformFrontEnd}), budgets in dBFS and SNR
 * ({@link org.advmusic.audio.waveform.AudioBudget}), the 16-bit grid
 * ({@link org.advmusic.audio.waveform.Pcm16}) and verified WAV writing with re-analysis
 * ({@link org.advmusic.audio.waveform.VerifiedWav}). The classifier that puts a model behind the
 * front end is {@code org.advmusic.nn.WaveformClassifier}.
 */
package org.advmusic.audio.waveform;
