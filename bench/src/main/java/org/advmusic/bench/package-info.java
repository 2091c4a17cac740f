/** JMH benchmarks of the hot loops, printed also as ratios (to peak, to EJML, CPU to CUDA). */
package org.advmusic.bench;
