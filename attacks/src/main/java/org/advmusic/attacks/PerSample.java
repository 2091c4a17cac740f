package org.advmusic.attacks;

import java.util.Arrays;
import org.advmusic.engine.Autograd;
import org.advmusic.engine.BinaryOp;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.unrecorded.Elementwise;

/**
 * Per-sample vector arithmetic on batches {@code (N, ...)}: norms, scaling, normalisation and
 * projection onto norm balls. Runs on the batch's backend; records no graph.
 */
public final class PerSample {
    /** Gradients with a smaller L2 norm are treated as zero when normalising. */
    public static final double TINY_NORM = 1e-12;

    private PerSample() {
    }

    /** The batch viewed as {@code (N, D)}. */
    public static Tensor flat(Tensor x) {
        return x.reshape(x.dim(0), -1);
    }

    /** L2 norm of every sample. */
    public static double[] l2(Tensor x) {
        try (var ignored = Autograd.noGrad()) {
            Tensor f = flat(x);
            return f.mul(f).sum(false, 1).sqrt().toDoubleArray();
        }
    }

    /** Largest absolute element of every sample. */
    public static double[] linf(Tensor x) {
        try (var ignored = Autograd.noGrad()) {
            return flat(x).abs().max(false, 1).toDoubleArray();
        }
    }

    /** Sum of absolute elements of every sample. */
    public static double[] l1(Tensor x) {
        try (var ignored = Autograd.noGrad()) {
            return flat(x).abs().sum(false, 1).toDoubleArray();
        }
    }

    /** Every sample's norm. */
    public static double[] norms(Norm norm, Tensor x) {
        return norm == Norm.LINF ? linf(x) : l2(x);
    }

    /** Every sample's dual norm (L1 for Linf, L2 for L2), which turns a linear margin into a distance. */
    public static double[] dualNorms(Norm norm, Tensor x) {
        return norm == Norm.LINF ? l1(x) : l2(x);
    }

    /** A {@code (N, 1, ..., 1)} tensor holding one value per sample, broadcastable against {@code like}. */
    public static Tensor column(double[] values, Tensor like) {
        int[] dims = new int[like.rank()];
        Arrays.fill(dims, 1);
        dims[0] = values.length;
        return Tensor.fromArray(like.backend(), values, dims);
    }

    /** {@code x} with sample {@code i} multiplied by {@code factors[i]} (a new tensor). */
    public static Tensor scaleRows(Tensor x, double[] factors) {
        try (var ignored = Autograd.noGrad()) {
            return x.mul(column(factors, x));
        }
    }

    /** Every sample divided by its L2 norm (samples with a near-zero norm stay as they are). */
    public static Tensor normalizeL2(Tensor x) {
        double[] n = l2(x);
        double[] inverse = new double[n.length];
        for (int i = 0; i < n.length; i++) {
            inverse[i] = 1.0 / Math.max(n[i], TINY_NORM);
        }
        return scaleRows(x, inverse);
    }

    /**
     * Projects every sample of {@code delta} onto the ball of radius {@code radius[i]} in the given
     * norm: clipping for Linf, rescaling for L2. Returns a new tensor.
     */
    public static Tensor project(Norm norm, Tensor delta, double[] radius) {
        try (var ignored = Autograd.noGrad()) {
            if (norm == Norm.LINF) {
                Tensor r = column(radius, delta);
                return Elementwise.binary(BinaryOp.MIN, Elementwise.binary(BinaryOp.MAX, delta, r.neg()), r);
            }
            double[] lengths = l2(delta);
            double[] factors = new double[lengths.length];
            for (int i = 0; i < factors.length; i++) {
                factors[i] = lengths[i] > radius[i] ? radius[i] / lengths[i] : 1.0;
            }
            return scaleRows(delta, factors);
        }
    }

    /** The same value for every sample. */
    public static double[] constant(int n, double value) {
        double[] v = new double[n];
        Arrays.fill(v, value);
        return v;
    }

    /** {@code values[rows[i]]} for every i. */
    public static int[] select(int[] values, int[] rows) {
        if (values == null) {
            return null;
        }
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return out;
    }

    /** {@code values[rows[i]]} for every i. */
    public static double[] select(double[] values, int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return out;
    }
}
