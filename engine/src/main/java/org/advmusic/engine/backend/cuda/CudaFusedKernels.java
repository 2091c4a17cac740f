package org.advmusic.engine.backend.cuda;

import org.advmusic.engine.Conv2dGeometry;
import org.advmusic.engine.DeviceBuffer;
import org.advmusic.engine.FusedKernels;
import org.advmusic.engine.backend.FlippedKernelGradient;

/**
 * The CUDA backend's fused kernels: the composed defaults of {@link FusedKernels} (im2col and cuBLAS
 * or the tiled GEMM kernel, per-channel passes by the elementwise kernels), except the input gradient of
 * stride-1 convolutions with enough channels, computed as a convolution with the flipped kernel
 * ({@link FlippedKernelGradient}).
 */
final class CudaFusedKernels implements FusedKernels {
    private final CudaBackend backend;
    private final FlippedKernelGradient flippedKernel = new FlippedKernelGradient();

    CudaFusedKernels(CudaBackend backend) {
        this.backend = backend;
    }

    @Override
    public CudaBackend primitives() {
        return backend;
    }

    @Override
    public void conv2dInputGradient(Conv2dGeometry g, DeviceBuffer gradOut, DeviceBuffer weight, int outChannels,
                                    DeviceBuffer gradX, int batch) {
        if (FlippedKernelGradient.suits(g)) {
            flippedKernel.inputGradient(this, g, gradOut, weight, outChannels, gradX, batch);
        } else {
            FusedKernels.super.conv2dInputGradient(g, gradOut, weight, outChannels, gradX, batch);
        }
    }
}
