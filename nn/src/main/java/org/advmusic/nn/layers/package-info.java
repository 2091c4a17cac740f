/**
 * Layers as {@link org.advmusic.nn.Module}s composed from the engine's operations, with PyTorch's
 * parameter names and seeded initialisation ({@link org.advmusic.nn.layers.Initialization}).
 */
package org.advmusic.nn.layers;
