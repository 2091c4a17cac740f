/**
 * Audio front-end benchmarks: {@link org.advmusic.bench.audio.LogMelBenchmark} (JMH, one 30 s track) and
 * {@link org.advmusic.bench.audio.FrontEndThroughput} (a plain main printing the real-time factor per
 * core and the time to generate and featurise the default synthetic set).
 */
package org.advmusic.bench.audio;
