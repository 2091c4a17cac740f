/** Checkpoints: safetensors state dicts with a JSON {@link org.advmusic.nn.checkpoint.ModelSpec}, written atomically. */
package org.advmusic.nn.checkpoint;
