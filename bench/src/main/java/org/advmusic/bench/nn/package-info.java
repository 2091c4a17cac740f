/** Benchmarks of the nn module: the GenreCnn training step and inference. */
package org.advmusic.bench.nn;
