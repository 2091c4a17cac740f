/** Classification metrics: accuracy, confusion matrices, per-class precision/recall/F1, song-level accuracy. */
package org.advmusic.nn.metrics;
