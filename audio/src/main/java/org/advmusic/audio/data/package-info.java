/**
 * Data sets as plain arrays plus tensors on demand: {@link org.advmusic.audio.data.SegmentDataset}
 * (log-mel model inputs, (N, 1, 128, 130)) and {@link org.advmusic.audio.data.TabularDataset} ((N, F));
 * the loaders for folder-per-class WAV trees such as GTZAN ({@link org.advmusic.audio.data.ClassFolderLoader}),
 * GTZAN's feature CSVs, the MSD genre table and IRMAS; per-track stratified or list-file splits
 * ({@link org.advmusic.audio.data.TrackSplit}); training-split standardisation; the on-disk feature cache.
 * Loaders never stop at a bad file: problems are collected, with path and reason, in a
 * {@link org.advmusic.audio.data.LoadReport} returned with the data.
 */
package org.advmusic.audio.data;
