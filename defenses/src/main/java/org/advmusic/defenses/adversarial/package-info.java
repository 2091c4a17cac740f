/**
 * Adversarial training (Madry et al. 2018; the fast FGSM variant of Wong, Rice, Kolter 2020) through
 * the trainer's batch hook, and the per-epoch robust validation that warns of catastrophic
 * overfitting.
 */
package org.advmusic.defenses.adversarial;
