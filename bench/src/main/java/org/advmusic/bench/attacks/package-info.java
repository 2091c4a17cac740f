/** JMH benchmarks of the attack loops on GenreCnn: FGSM step, PGD iteration, FMN iteration, input-only backward. */
package org.advmusic.bench.attacks;
