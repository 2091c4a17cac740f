/**
 * The results of a run as typed records, and the only code that writes and reads them as JSON
 * ({@code metrics.json}, documented in {@code experiments/RESULTS.md}). One record per section
 * ({@link org.advmusic.experiments.results.RunMetrics} holds them all); each reads itself from JSON
 * through {@link org.advmusic.experiments.results.JsonField}, which names the file and field of any
 * error, and writes itself with {@link org.advmusic.experiments.results.ResultsJson}. Stages return
 * these records; the report renders them.
 */
package org.advmusic.experiments.results;
