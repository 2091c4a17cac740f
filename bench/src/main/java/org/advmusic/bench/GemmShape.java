package org.advmusic.bench;

import java.util.List;

/**
 * The size of one matrix product {@code C (m x n) = A (m x k) B (k x n)}, written {@code M x K x N}
 * as in the issue: 1024 cubed, and the im2col products of the seed CNN's four convolution blocks
 * (weight {@code K_out x C*9} times unfolded input {@code C*9 x H*W}) and its dense layer.
 */
public record GemmShape(int m, int k, int n) {
    /** The shapes every benchmark and the report use. */
    public static final List<GemmShape> STANDARD = List.of(
            new GemmShape(1024, 1024, 1024),
            new GemmShape(32, 288, 16640),
            new GemmShape(64, 576, 4160),
            new GemmShape(128, 1152, 1040),
            new GemmShape(256, 2304, 260),
            new GemmShape(64, 16384, 512));

    /** Parses {@code "MxKxN"}. */
    public static GemmShape parse(String text) {
        String[] parts = text.trim().split("x");
        if (parts.length != 3) {
            throw new IllegalArgumentException("GEMM shape '" + text + "', expected M x K x N such as 32x288x16640");
        }
        return new GemmShape(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
    }

    /** Floating-point operations of one product: {@code 2 m n k}. */
    public double flops() {
        return 2.0 * m * n * k;
    }

    @Override
    public String toString() {
        return m + "x" + k + "x" + n;
    }
}
