/** Adversarial training, feature squeezing and adaptive evaluation. */
package org.advmusic.defenses;
