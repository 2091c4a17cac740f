package org.advmusic.engine;

/**
 * The geometry of 2-D pooling over a batch: input {@code (batch, channels, height, width)}, windows of
 * {@code kernelHeight x kernelWidth} moved by the strides over the input padded by
 * {@code padHeight/padWidth} on each side (floor mode, as PyTorch's default). Padding counts as
 * {@code -inf} for max pooling and as 0 for average pooling (which always divides by the window
 * size, PyTorch's {@code count_include_pad=True}).
 */
public record Pool2dGeometry(int batch, int channels, int height, int width, int kernelHeight, int kernelWidth,
                             int strideHeight, int strideWidth, int padHeight, int padWidth) {

    /** Validates every size; the message names the offending value. */
    public Pool2dGeometry {
        require(batch > 0, "batch", batch, "> 0");
        require(channels > 0, "channels", channels, "> 0");
        require(height > 0, "height", height, "> 0");
        require(width > 0, "width", width, "> 0");
        require(kernelHeight > 0, "kernel height", kernelHeight, "> 0");
        require(kernelWidth > 0, "kernel width", kernelWidth, "> 0");
        require(strideHeight > 0, "stride height", strideHeight, "> 0");
        require(strideWidth > 0, "stride width", strideWidth, "> 0");
        require(padHeight >= 0 && 2 * padHeight <= kernelHeight, "padding height", padHeight,
                "between 0 and half the kernel height");
        require(padWidth >= 0 && 2 * padWidth <= kernelWidth, "padding width", padWidth,
                "between 0 and half the kernel width");
        if (height + 2 * padHeight < kernelHeight || width + 2 * padWidth < kernelWidth) {
            throw new IllegalArgumentException("pool2d: kernel " + kernelHeight + "x" + kernelWidth
                    + " is larger than the padded input " + (height + 2 * padHeight) + "x" + (width + 2 * padWidth));
        }
    }

    private static void require(boolean ok, String what, int value, String expected) {
        if (!ok) {
            throw new IllegalArgumentException("pool2d: " + what + " is " + value + ", expected " + expected);
        }
    }

    /** Output height (floor mode). */
    public int outHeight() {
        return (height + 2 * padHeight - kernelHeight) / strideHeight + 1;
    }

    /** Output width (floor mode). */
    public int outWidth() {
        return (width + 2 * padWidth - kernelWidth) / strideWidth + 1;
    }

    /** Number of {@code (sample, channel)} planes: {@code batch * channels}. */
    public int planes() {
        return batch * channels;
    }
}
