/**
 * Weights trained elsewhere: PyTorch state dicts saved as safetensors imported as advmusic models
 * ({@link org.advmusic.nn.interop.TorchImport}), and torchvision's ImageNet {@code resnet18} weights
 * adapted to one-channel spectrograms ({@link org.advmusic.nn.interop.TorchvisionResNet18}).
 */
package org.advmusic.nn.interop;
