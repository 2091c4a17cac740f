/**
 * The {@code bench} command's measurements: figures of the engine at work (GEMM, GenreCnn forward,
 * training step, backward passes, PGD, adversarial-training epochs), each with the machine's control
 * loops measured right before and after each timed run ({@link org.advmusic.engine.backend.cpu.ControlLoops}), run
 * in this JVM ({@link org.advmusic.experiments.bench.BenchRun}) or in several fresh JVMs
 * ({@link org.advmusic.experiments.bench.Forks}) and summarised as min / median / max
 * ({@link org.advmusic.experiments.bench.ForkSummary}).
 */
package org.advmusic.experiments.bench;
