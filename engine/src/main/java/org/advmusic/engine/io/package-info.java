/** Tensor files: safetensors, the format PyTorch and Hugging Face use, so weights move both ways. */
package org.advmusic.engine.io;
