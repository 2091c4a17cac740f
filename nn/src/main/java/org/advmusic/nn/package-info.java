/** Modules, layers, the seed models, optimizers, the training loop, metrics and checkpoints. */
package org.advmusic.nn;
