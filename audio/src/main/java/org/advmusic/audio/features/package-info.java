/**
 * The composed front end: {@link org.advmusic.audio.features.FrontEndSettings} (librosa's defaults),
 * {@link org.advmusic.audio.features.MelSpectrogram} (fast mel power),
 * {@link org.advmusic.audio.features.LogMelSegmenter} (a track into [0, 1] log-mel model inputs of 3 s),
 * {@link org.advmusic.audio.features.Mfcc} and the GTZAN-style tabular features
 * ({@link org.advmusic.audio.features.TabularFeatures}).
 */
package org.advmusic.audio.features;
