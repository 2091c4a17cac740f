package org.advmusic.engine;

/**
 * The geometry of a 2-D convolution over one sample: input {@code (channels, height, width)}, a
 * {@code kernelHeight x kernelWidth} window moved by the strides over the zero-padded input.
 *
 * <p>im2col turns one sample into a {@code (colRows, colColumns)} matrix with
 * {@code colRows = channels * kernelHeight * kernelWidth} (index {@code (c * kh + i) * kw + j}) and
 * {@code colColumns = outHeight * outWidth} (index {@code oy * outWidth + ox}), so that the
 * convolution is the product {@code weight (K, colRows) x col (colRows, colColumns)}.
 */
public record Conv2dGeometry(int channels, int height, int width, int kernelHeight, int kernelWidth,
                             int strideHeight, int strideWidth, int padHeight, int padWidth) {

    /** Validates every size; the message names the offending value. */
    public Conv2dGeometry {
        require(channels > 0, "channels", channels, "> 0");
        require(height > 0, "height", height, "> 0");
        require(width > 0, "width", width, "> 0");
        require(kernelHeight > 0, "kernel height", kernelHeight, "> 0");
        require(kernelWidth > 0, "kernel width", kernelWidth, "> 0");
        require(strideHeight > 0, "stride height", strideHeight, "> 0");
        require(strideWidth > 0, "stride width", strideWidth, "> 0");
        require(padHeight >= 0, "padding height", padHeight, ">= 0");
        require(padWidth >= 0, "padding width", padWidth, ">= 0");
        if (height + 2 * padHeight < kernelHeight || width + 2 * padWidth < kernelWidth) {
            throw new IllegalArgumentException("conv2d: kernel " + kernelHeight + "x" + kernelWidth
                    + " is larger than the padded input " + (height + 2 * padHeight) + "x" + (width + 2 * padWidth));
        }
    }

    private static void require(boolean ok, String what, int value, String expected) {
        if (!ok) {
            throw new IllegalArgumentException("conv2d: " + what + " is " + value + ", expected " + expected);
        }
    }

    /** {@code (height + 2 padHeight - kernelHeight) / strideHeight + 1} */
    public int outHeight() {
        return (height + 2 * padHeight - kernelHeight) / strideHeight + 1;
    }

    /** {@code (width + 2 padWidth - kernelWidth) / strideWidth + 1} */
    public int outWidth() {
        return (width + 2 * padWidth - kernelWidth) / strideWidth + 1;
    }

    /** Rows of the im2col matrix: {@code channels * kernelHeight * kernelWidth}. */
    public int colRows() {
        return channels * kernelHeight * kernelWidth;
    }

    /** Columns of the im2col matrix: {@code outHeight * outWidth}. */
    public int colColumns() {
        return outHeight() * outWidth();
    }

    /** Elements of one input sample: {@code channels * height * width}. */
    public int inputSize() {
        return channels * height * width;
    }
}
