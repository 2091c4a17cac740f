package org.advmusic.engine;

import java.util.Arrays;
import org.advmusic.engine.ops.Abs;
import org.advmusic.engine.ops.Add;
import org.advmusic.engine.ops.Clamp;
import org.advmusic.engine.ops.Div;
import org.advmusic.engine.ops.Exp;
import org.advmusic.engine.ops.Log;
import org.advmusic.engine.ops.LogSoftmax;
import org.advmusic.engine.ops.MatMul;
import org.advmusic.engine.ops.Max;
import org.advmusic.engine.ops.Mean;
import org.advmusic.engine.ops.Mul;
import org.advmusic.engine.ops.Narrow;
import org.advmusic.engine.ops.Neg;
import org.advmusic.engine.ops.Permute;
import org.advmusic.engine.ops.Pow;
import org.advmusic.engine.ops.Rectifier;
import org.advmusic.engine.ops.Reshape;
import org.advmusic.engine.ops.ScaleShift;
import org.advmusic.engine.ops.Sigmoid;
import org.advmusic.engine.ops.Softmax;
import org.advmusic.engine.ops.Sqrt;
import org.advmusic.engine.ops.Sub;
import org.advmusic.engine.ops.Sum;
import org.advmusic.engine.ops.Tanh;
import org.advmusic.engine.unrecorded.Argmax;
import org.advmusic.engine.unrecorded.Compare;
import org.advmusic.engine.unrecorded.Sign;
import org.advmusic.engine.unrecorded.Where;

/**
 * An n-dimensional array on one {@link Backend}: a {@link Shape} (row-major, NCHW for images), a
 * contiguous {@link DeviceBuffer} of the backend's {@link DType}, and the autograd state
 * ({@code requiresGrad}, {@code grad}, and the {@link GradFunction} that produced it).
 *
 * <p>Fluent methods ({@code x.matmul(w).add(b).relu()}) delegate to the operation classes of
 * {@code org.advmusic.engine.ops}. Operations never modify their inputs and return new tensors;
 * updates in place, never recorded in the graph, are in {@link InPlace}. New tensors belong
 * to the innermost open {@link MemoryScope}.
 */
public final class Tensor {
    private final Shape shape;
    private final DeviceBuffer buffer;
    private boolean requiresGrad;
    private Tensor grad;
    private GradFunction gradFunction;

    private Tensor(Shape shape, DeviceBuffer buffer) {
        if (buffer.length() < shape.size()) {
            throw new IllegalArgumentException("a tensor of shape " + shape + " needs " + shape.size()
                    + " elements but its buffer has " + buffer.length());
        }
        this.shape = shape;
        this.buffer = buffer;
    }

    // ------------------------------------------------------------------ construction

    /**
     * Wraps a freshly allocated buffer, which becomes owned by the innermost open {@link MemoryScope}.
     * For operation and backend authors.
     */
    public static Tensor adopt(Shape shape, DeviceBuffer buffer) {
        Tensor t = new Tensor(shape, buffer);
        MemoryScope.track(buffer);
        return t;
    }

    /**
     * A tensor that shares {@code buffer} (and its ownership) with another tensor, with a new shape
     * of the same size and no autograd state. For views such as reshape.
     */
    public static Tensor view(Shape shape, DeviceBuffer buffer) {
        return new Tensor(shape, buffer);
    }

    /** A new tensor whose elements are unspecified; for outputs that are overwritten completely. */
    public static Tensor empty(Backend backend, Shape shape) {
        return adopt(shape, backend.allocateUninitialized(shape.size()));
    }

    /** A new tensor of zeros. */
    public static Tensor zeros(Backend backend, Shape shape) {
        return adopt(shape, backend.allocate(shape.size()));
    }

    /** A new tensor of zeros on the default backend. */
    public static Tensor zeros(int... dims) {
        return zeros(Backends.defaultBackend(), Shape.of(dims));
    }

    /** A new tensor filled with {@code value}. */
    public static Tensor full(Backend backend, Shape shape, double value) {
        Tensor t = empty(backend, shape);
        backend.fill(t.buffer, value);
        return t;
    }

    /** A new tensor of ones. */
    public static Tensor ones(Backend backend, Shape shape) {
        return full(backend, shape, 1.0);
    }

    /** A new tensor of ones on the default backend. */
    public static Tensor ones(int... dims) {
        return ones(Backends.defaultBackend(), Shape.of(dims));
    }

    /** Ones with the shape and backend of {@code like}. */
    public static Tensor onesLike(Tensor like) {
        return ones(like.backend(), like.shape);
    }

    /** Zeros with the shape and backend of {@code like}. */
    public static Tensor zerosLike(Tensor like) {
        return zeros(like.backend(), like.shape);
    }

    /** A scalar (rank 0) tensor. */
    public static Tensor scalar(Backend backend, double value) {
        return full(backend, Shape.scalar(), value);
    }

    /** Uniform on {@code [0, 1)} from the counter-based generator; the same seed gives the same values on every backend. */
    public static Tensor rand(Backend backend, long seed, Shape shape) {
        return uniform(backend, seed, shape, 0.0, 1.0);
    }

    /** Uniform on {@code [low, high)}. */
    public static Tensor uniform(Backend backend, long seed, Shape shape, double low, double high) {
        Tensor t = empty(backend, shape);
        backend.fillRandom(t.buffer, RandomDistribution.UNIFORM, seed, low, high);
        return t;
    }

    /** Standard normal. */
    public static Tensor randn(Backend backend, long seed, Shape shape) {
        return normal(backend, seed, shape, 0.0, 1.0);
    }

    /** Normal with the given mean and standard deviation. */
    public static Tensor normal(Backend backend, long seed, Shape shape, double mean, double std) {
        Tensor t = empty(backend, shape);
        backend.fillRandom(t.buffer, RandomDistribution.NORMAL, seed, mean, std);
        return t;
    }

    /** {@code [start, start + step, ...]} below {@code end}, as a rank-1 tensor. */
    public static Tensor arange(Backend backend, double start, double end, double step) {
        if (!(step != 0) || Double.isNaN(start) || Double.isNaN(end)) {
            throw new IllegalArgumentException("arange: start " + start + ", end " + end + ", step " + step
                    + "; expected finite bounds and a non-zero step");
        }
        int n = (int) Math.max(0, Math.ceil((end - start) / step));
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = start + i * step;
        }
        return fromArray(backend, values, n);
    }

    /** {@code [0, 1, ..., n - 1]}. */
    public static Tensor arange(Backend backend, int n) {
        return arange(backend, 0, n, 1);
    }

    /** A tensor holding a copy of {@code values} with the given shape. */
    public static Tensor fromArray(Backend backend, double[] values, int... dims) {
        Shape s = Shape.of(dims);
        checkLength(values.length, s);
        return adopt(s, backend.upload(values));
    }

    /** A tensor holding a copy of {@code values} with the given shape. */
    public static Tensor fromArray(Backend backend, float[] values, int... dims) {
        Shape s = Shape.of(dims);
        checkLength(values.length, s);
        return adopt(s, backend.upload(values));
    }

    /** A tensor on the default backend holding a copy of {@code values}. */
    public static Tensor fromArray(double[] values, int... dims) {
        return fromArray(Backends.defaultBackend(), values, dims);
    }

    private static void checkLength(int length, Shape s) {
        if (length != s.size()) {
            throw new IllegalArgumentException("fromArray: " + length + " values cannot fill shape " + s
                    + " (" + s.size() + " elements)");
        }
    }

    // ------------------------------------------------------------------ accessors

    /** The shape. */
    public Shape shape() {
        return shape;
    }

    /** Size of dimension {@code axis} (negative counts from the end). */
    public int dim(int axis) {
        return shape.dim(axis);
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.rank();
    }

    /** Number of elements. */
    public int size() {
        return shape.size();
    }

    /** The backend that holds the data. */
    public Backend backend() {
        return buffer.backend();
    }

    /** The element type (the backend's). */
    public DType dtype() {
        return buffer.backend().dtype();
    }

    /** The underlying buffer, for operation and backend authors. */
    public DeviceBuffer buffer() {
        return buffer;
    }

    /** Whether gradients flow to this tensor. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /**
     * Marks a leaf tensor (one not computed by a recorded operation) as requiring a gradient.
     * Returns this tensor.
     */
    public Tensor requiresGrad(boolean value) {
        if (gradFunction != null) {
            throw new IllegalStateException("requiresGrad: the tensor of shape " + shape + " was computed by "
                    + gradFunction.name() + "; only leaves can be marked (use detach() first)");
        }
        this.requiresGrad = value;
        return this;
    }

    /** The accumulated gradient of a leaf after {@link #backward()}, or null. */
    public Tensor grad() {
        return grad;
    }

    /** Sets the gradient to zero, keeping its memory (no-op when there is none). */
    public void zeroGrad() {
        if (grad != null) {
            InPlace.fill(grad, 0.0);
        }
    }

    /** Releases the gradient's memory and forgets it. */
    public void clearGrad() {
        if (grad != null) {
            grad.buffer.release();
            grad = null;
        }
    }

    /** The operation that produced this tensor, or null for a leaf. */
    public GradFunction gradFunction() {
        return gradFunction;
    }

    /** Whether no recorded operation produced this tensor. */
    public boolean isLeaf() {
        return gradFunction == null;
    }

    /**
     * Records {@code fn} as the operation that produced this freshly created output and marks it as
     * requiring a gradient. For operation authors; call only when {@link Autograd#shouldRecord}.
     */
    public Tensor withGradFunction(GradFunction fn) {
        if (gradFunction != null) {
            throw new IllegalStateException("withGradFunction: the tensor already has " + gradFunction.name());
        }
        this.gradFunction = fn;
        this.requiresGrad = true;
        return this;
    }

    /** Adds {@code g} into {@link #grad()}, creating it in this tensor's memory scope when absent. */
    void accumulateGrad(Tensor g) {
        if (grad == null) {
            MemoryScope owner = buffer.owner;
            Tensor copy;
            try (MemoryScope ignored = MemoryScope.persistent()) {
                copy = g.copy();
            }
            MemoryScope.transfer(copy.buffer, owner);
            grad = copy;
        } else {
            InPlace.add(grad, g);
        }
    }

    /** Releases this tensor's buffer now (and its gradient's). Later use of this tensor throws. */
    public void release() {
        clearGrad();
        buffer.release();
    }

    /** Moves this tensor out of its {@link MemoryScope} to the enclosing one (see {@link MemoryScope#keep}). */
    public Tensor keep() {
        return MemoryScope.keep(this);
    }

    // ------------------------------------------------------------------ data access

    /** A copy of the elements as doubles, row-major. */
    public double[] toDoubleArray() {
        double[] out = new double[shape.size()];
        if (buffer.length() == out.length) {
            backend().download(buffer, out);
        } else {
            double[] all = new double[buffer.length()];
            backend().download(buffer, all);
            System.arraycopy(all, 0, out, 0, out.length);
        }
        return out;
    }

    /** A copy of the elements as floats, row-major. */
    public float[] toFloatArray() {
        float[] out = new float[shape.size()];
        if (buffer.length() == out.length) {
            backend().download(buffer, out);
        } else {
            float[] all = new float[buffer.length()];
            backend().download(buffer, all);
            System.arraycopy(all, 0, out, 0, out.length);
        }
        return out;
    }

    /** The value of a one-element tensor. */
    public double item() {
        if (shape.size() != 1) {
            throw new IllegalStateException("item: the tensor has shape " + shape + "; expected exactly one element");
        }
        return toDoubleArray()[0];
    }

    /** The element at the given indices (downloads the tensor: for tests and small tensors). */
    public double get(int... index) {
        if (index.length != shape.rank()) {
            throw new IllegalArgumentException("get: " + index.length + " indices for a tensor of shape " + shape);
        }
        int[] strides = shape.strides();
        int flat = 0;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape.dim(i)) {
                throw new IndexOutOfBoundsException("get: index " + Arrays.toString(index) + " is outside shape " + shape);
            }
            flat += index[i] * strides[i];
        }
        return toDoubleArray()[flat];
    }

    /** A tensor with the same data (shared buffer) that does not require a gradient. */
    public Tensor detach() {
        return view(shape, buffer);
    }

    /** A new tensor with a copy of the data, not connected to the graph. */
    public Tensor copy() {
        Tensor t = empty(backend(), shape);
        backend().copy(buffer, 0, t.buffer, 0, shape.size());
        return t;
    }

    /** The same data on another backend (an explicit transfer; backends never mix silently). */
    public Tensor to(Backend target) {
        if (target == backend()) {
            return this;
        }
        return target.dtype() == DType.F64 ? fromArray(target, toDoubleArray(), shape.dims())
                : fromArray(target, toFloatArray(), shape.dims());
    }

    /**
     * Rows {@code rows[i]} of the first axis, in that order, as a new tensor detached from the graph
     * (mini-batches, subsets of still-active samples): no gradient flows back through it.
     */
    public Tensor selectRowsDetached(int... rows) {
        if (shape.rank() == 0) {
            throw new IllegalArgumentException("selectRowsDetached: a scalar has no rows");
        }
        int n = shape.dim(0);
        for (int r : rows) {
            if (r < 0 || r >= n) {
                throw new IndexOutOfBoundsException("selectRowsDetached: row " + r + " is outside [0, " + n + ") of shape " + shape);
            }
        }
        Tensor out = empty(backend(), shape.withDim(0, rows.length));
        backend().gatherRows(buffer, shape.size() / Math.max(1, n), rows, out.buffer);
        return out;
    }

    // ------------------------------------------------------------------ checks shared by operations

    /** Throws unless {@code other} lives on the same backend, naming the operation and both devices. */
    public void requireSameBackend(String operation, Tensor other) {
        if (other.backend() != backend()) {
            throw new IllegalArgumentException(operation + ": tensors are on different devices ("
                    + backend().name() + " and " + other.backend().name() + "); move one explicitly with to()");
        }
    }

    /** Throws unless {@code other} has the same shape, naming the operation and both shapes. */
    public void requireSameShape(String operation, Tensor other) {
        if (!other.shape.equals(shape)) {
            throw new IllegalArgumentException(operation + ": shapes " + shape + " and " + other.shape + " differ");
        }
    }

    /** Throws unless this tensor has the given rank, naming the operation and the shape. */
    public void requireRank(String operation, int expectedRank, String layout) {
        if (shape.rank() != expectedRank) {
            throw new IllegalArgumentException(operation + ": input has shape " + shape + ", expected rank "
                    + expectedRank + " " + layout);
        }
    }

    // ------------------------------------------------------------------ autograd entry points

    /** Back-propagates from this scalar into the {@code grad} of every leaf that requires one. */
    public void backward() {
        Autograd.requireScalar("backward", this);
        Autograd.backward(this, onesLike(this));
    }

    /** Back-propagates with {@code seed} = dL/d(this) for a non-scalar tensor. */
    public void backward(Tensor seed) {
        Autograd.backward(this, seed);
    }

    // ------------------------------------------------------------------ fluent operations

    /** {@code this + other} (broadcasting). */
    public Tensor add(Tensor other) {
        return Add.apply(this, other);
    }

    /** {@code this + value}. */
    public Tensor add(double value) {
        return ScaleShift.apply(this, 1.0, value);
    }

    /** {@code this - other} (broadcasting). */
    public Tensor sub(Tensor other) {
        return Sub.apply(this, other);
    }

    /** {@code this - value}. */
    public Tensor sub(double value) {
        return ScaleShift.apply(this, 1.0, -value);
    }

    /** {@code this * other} (broadcasting). */
    public Tensor mul(Tensor other) {
        return Mul.apply(this, other);
    }

    /** {@code this * value}. */
    public Tensor mul(double value) {
        return ScaleShift.apply(this, value, 0.0);
    }

    /** {@code this / other} (broadcasting). */
    public Tensor div(Tensor other) {
        return Div.apply(this, other);
    }

    /** {@code this / value}. */
    public Tensor div(double value) {
        return ScaleShift.apply(this, 1.0 / value, 0.0);
    }

    /** {@code -this}. */
    public Tensor neg() {
        return Neg.apply(this);
    }

    /** {@code e^this}. */
    public Tensor exp() {
        return Exp.apply(this);
    }

    /** Natural logarithm. */
    public Tensor log() {
        return Log.apply(this);
    }

    /** Square root. */
    public Tensor sqrt() {
        return Sqrt.apply(this);
    }

    /** {@code this^exponent} for a scalar exponent. */
    public Tensor pow(double exponent) {
        return Pow.apply(this, exponent);
    }

    /** {@code |this|}. */
    public Tensor abs() {
        return Abs.apply(this);
    }

    /** {@code max(this, 0)}. */
    public Tensor relu() {
        return Rectifier.apply(this);
    }

    /** The logistic function. */
    public Tensor sigmoid() {
        return Sigmoid.apply(this);
    }

    /** Hyperbolic tangent. */
    public Tensor tanh() {
        return Tanh.apply(this);
    }

    /** {@code min(max(this, low), high)}. */
    public Tensor clamp(double low, double high) {
        return Clamp.apply(this, low, high);
    }

    /** Matrix product; 2-D, or batched over leading axes (see {@link MatMul}). */
    public Tensor matmul(Tensor other) {
        return MatMul.apply(this, other);
    }

    /** The same data with a new shape of equal size; one dimension may be -1 (inferred). */
    public Tensor reshape(int... dims) {
        return Reshape.apply(this, dims);
    }

    /** Reorders the axes: output axis {@code i} is input axis {@code axes[i]}. */
    public Tensor permute(int... axes) {
        return Permute.apply(this, axes);
    }

    /** Swaps two axes. */
    public Tensor transpose(int axisA, int axisB) {
        int[] axes = new int[rank()];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i;
        }
        int a = shape.normalizeAxis(axisA);
        int b = shape.normalizeAxis(axisB);
        axes[a] = b;
        axes[b] = a;
        return Permute.apply(this, axes);
    }

    /** Sum of all elements, a scalar. */
    public Tensor sum() {
        return Sum.apply(this, false);
    }

    /** Sum over the given axes. */
    public Tensor sum(boolean keepDims, int... axes) {
        return Sum.apply(this, keepDims, axes);
    }

    /** Mean of all elements, a scalar. */
    public Tensor mean() {
        return Mean.apply(this, false);
    }

    /** Mean over the given axes. */
    public Tensor mean(boolean keepDims, int... axes) {
        return Mean.apply(this, keepDims, axes);
    }

    /** Maximum over the given axes (all when none are given). */
    public Tensor max(boolean keepDims, int... axes) {
        return Max.apply(this, keepDims, axes);
    }

    /** Softmax along {@code axis}. */
    public Tensor softmax(int axis) {
        return Softmax.apply(this, axis);
    }

    /** Log-softmax along {@code axis}. */
    public Tensor logSoftmax(int axis) {
        return LogSoftmax.apply(this, axis);
    }

    /** The slice {@code [start, start + length)} of {@code axis}. */
    public Tensor narrow(int axis, int start, int length) {
        return Narrow.apply(this, axis, start, length);
    }

    // ------------------------------------------------------------------ non-differentiable helpers

    /** Elementwise sign (-1, 0, 1); not differentiable. */
    public Tensor sign() {
        return Sign.apply(this);
    }

    /** Index of the first maximum along {@code axis}, as values; not differentiable. */
    public Tensor argmax(int axis) {
        return Argmax.apply(this, axis);
    }

    /** Argmax along the last axis as Java ints (predicted classes of a logits batch). */
    public int[] argmaxLastAxis() {
        double[] v = Argmax.apply(this, -1).toDoubleArray();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (int) v[i];
        }
        return out;
    }

    /** {@code 1 where this > other else 0}; not differentiable. */
    public Tensor gt(Tensor other) {
        return Compare.apply(BinaryOp.GT, this, other);
    }

    /** {@code 1 where this == other else 0}; not differentiable. */
    public Tensor eq(Tensor other) {
        return Compare.apply(BinaryOp.EQ, this, other);
    }

    /** Elementwise {@code condition != 0 ? a : b}; not differentiable. */
    public static Tensor where(Tensor condition, Tensor a, Tensor b) {
        return Where.apply(condition, a, b);
    }

    /** A short description: shape, backend and autograd state (no values). */
    @Override
    public String toString() {
        return "Tensor" + shape + " on " + backend().name() + " " + dtype()
                + (gradFunction != null ? " <" + gradFunction.name() + ">" : requiresGrad ? " requiresGrad" : "");
    }
}
