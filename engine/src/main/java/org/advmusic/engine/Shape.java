package org.advmusic.engine;

import java.util.Arrays;

/**
 * An immutable tensor shape: the sizes of the dimensions, outermost first (row-major).
 *
 * <p>A scalar has rank 0 and size 1. Negative axes count from the end, as in NumPy.
 */
public final class Shape {
    private static final Shape SCALAR = new Shape(new int[0]);

    private final int[] dims;
    private final int size;

    private Shape(int[] dims) {
        long n = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0) {
                throw new IllegalArgumentException(
                        "shape " + Arrays.toString(dims) + ": dimension " + i + " is negative (" + dims[i] + ")");
            }
            n *= dims[i];
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(
                        "shape " + Arrays.toString(dims) + " has more than " + Integer.MAX_VALUE + " elements");
            }
        }
        this.dims = dims;
        this.size = (int) n;
    }

    /** A shape with the given dimension sizes (copied). */
    public static Shape of(int... dims) {
        return dims.length == 0 ? SCALAR : new Shape(dims.clone());
    }

    /** The rank-0 shape of a scalar. */
    public static Shape scalar() {
        return SCALAR;
    }

    /** Number of dimensions. */
    public int rank() {
        return dims.length;
    }

    /** Number of elements (the product of the dimension sizes; 1 for a scalar). */
    public int size() {
        return size;
    }

    /** Size of dimension {@code axis}; negative axes count from the end. */
    public int dim(int axis) {
        return dims[normalizeAxis(axis)];
    }

    /** A copy of the dimension sizes. */
    public int[] dims() {
        return dims.clone();
    }

    /** Maps a possibly negative axis to {@code [0, rank)}, or throws naming the axis and the shape. */
    public int normalizeAxis(int axis) {
        int a = axis < 0 ? axis + dims.length : axis;
        if (a < 0 || a >= dims.length) {
            throw new IllegalArgumentException("axis " + axis + " is out of range for shape " + this
                    + " (rank " + dims.length + ")");
        }
        return a;
    }

    /** Row-major strides in elements: {@code strides[i] = prod(dims[i+1..])}. */
    public int[] strides() {
        int[] s = new int[dims.length];
        int acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= dims[i];
        }
        return s;
    }

    /** Product of the dimensions before {@code axis}. */
    public int outerSize(int axis) {
        int a = normalizeAxis(axis);
        int n = 1;
        for (int i = 0; i < a; i++) {
            n *= dims[i];
        }
        return n;
    }

    /** Product of the dimensions after {@code axis}. */
    public int innerSize(int axis) {
        int a = normalizeAxis(axis);
        int n = 1;
        for (int i = a + 1; i < dims.length; i++) {
            n *= dims[i];
        }
        return n;
    }

    /** This shape with dimension {@code axis} replaced by {@code size}. */
    public Shape withDim(int axis, int size) {
        int[] d = dims.clone();
        d[normalizeAxis(axis)] = size;
        return new Shape(d);
    }

    /** This shape without dimension {@code axis} (rank one less). */
    public Shape withoutAxis(int axis) {
        int a = normalizeAxis(axis);
        int[] d = new int[dims.length - 1];
        for (int i = 0, j = 0; i < dims.length; i++) {
            if (i != a) {
                d[j++] = dims[i];
            }
        }
        return new Shape(d);
    }

    /**
     * The NumPy broadcast of two shapes: aligned from the right, each pair of sizes must be equal or
     * one of them 1.
     *
     * @param operation the operation's name, used in the error message
     * @throws IllegalArgumentException naming both shapes and the first incompatible dimension
     */
    public static Shape broadcast(String operation, Shape a, Shape b) {
        if (a.equals(b)) {
            return a;
        }
        int rank = Math.max(a.rank(), b.rank());
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.rank() ? 1 : a.dims[i - (rank - a.rank())];
            int db = i < rank - b.rank() ? 1 : b.dims[i - (rank - b.rank())];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(operation + ": shapes " + a + " and " + b
                        + " cannot be broadcast together (dimension " + (i - rank) + " is " + da + " vs " + db
                        + "; expected equal sizes or 1)");
            }
            out[i] = da == 1 ? db : da;
        }
        return new Shape(out);
    }

    /**
     * Strides of this shape when broadcast to {@code target}: 0 for dimensions that are repeated
     * (size 1 here, or missing on the left), the row-major stride otherwise.
     */
    public int[] broadcastStrides(Shape target) {
        int offset = target.rank() - rank();
        if (offset < 0) {
            throw new IllegalArgumentException("shape " + this + " cannot be broadcast to the smaller rank of " + target);
        }
        int[] own = strides();
        int[] s = new int[target.rank()];
        for (int i = 0; i < rank(); i++) {
            int d = dims[i];
            if (d != 1 && d != target.dims[i + offset]) {
                throw new IllegalArgumentException("shape " + this + " cannot be broadcast to " + target);
            }
            s[i + offset] = d == 1 ? 0 : own[i];
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape other && Arrays.equals(dims, other.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** Formats as {@code (2, 3)}; a scalar is {@code ()}, rank one {@code (5,)}. */
    @Override
    public String toString() {
        if (dims.length == 1) {
            return "(" + dims[0] + ",)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(dims[i]);
        }
        return sb.append(')').toString();
    }
}
