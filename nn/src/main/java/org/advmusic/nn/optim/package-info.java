/** Optimizers with PyTorch's update rules: {@link org.advmusic.nn.optim.Sgd}, {@link org.advmusic.nn.optim.Adam}, {@link org.advmusic.nn.optim.AdamW}. */
package org.advmusic.nn.optim;
