/** FGSM, PGD, FMN, DDN, the genetic black-box attack, threat models and robustness evaluation. */
package org.advmusic.attacks;
