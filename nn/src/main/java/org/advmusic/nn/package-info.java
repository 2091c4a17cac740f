/** Modules, parameters, models as classifiers, and named activations; layers, models, optimizers, training, metrics and checkpoints live in the sub-packages. */
package org.advmusic.nn;
