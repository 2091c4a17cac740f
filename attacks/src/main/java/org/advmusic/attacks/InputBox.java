package org.advmusic.attacks;

import org.advmusic.engine.Tensor;

/**
 * The valid range of every input element, e.g. {@code [0, 1]} for log-mel spectrograms mapped
 * with a fixed dB range. Adversarial inputs are always clipped back into it.
 *
 * @param unit what one input unit means physically, stated in threat models (e.g.
 *             {@code "1 = 80 dB (fixed map of [-80, 0] dB to [0, 1])"}); null when unstated
 */
public record InputBox(double lower, double upper, String unit) implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** The unit box {@code [0, 1]}. */
    public static final InputBox UNIT = new InputBox(0, 1);

    /** Validates the bounds. */
    public InputBox {
        if (!(lower < upper) || Double.isInfinite(lower - upper)) {
            throw new IllegalArgumentException("input box [" + lower + ", " + upper + "]: expected finite lower < upper");
        }
    }

    /** A box whose unit is not stated. */
    public InputBox(double lower, double upper) {
        this(lower, upper, null);
    }

    /** The same box with what one input unit means. */
    public InputBox withUnit(String newUnit) {
        return new InputBox(lower, upper, newUnit);
    }

    /** A new tensor with every element clipped into the box. */
    public Tensor clip(Tensor x) {
        return x.clamp(lower, upper);
    }

    /** Width of the box. */
    public double width() {
        return upper - lower;
    }

    /**
     * Throws when an element of {@code inputs} lies outside the box (beyond a rounding tolerance),
     * naming the attack, the smallest and largest value found and the box. Attacks refuse such
     * inputs rather than silently clipping them, which would change the clean sample.
     */
    public void requireInside(String attack, Tensor inputs) {
        double min = inputs.neg().max(false).item() * -1;
        double max = inputs.max(false).item();
        double tolerance = 1e-6 * width();
        if (Double.isNaN(min) || Double.isNaN(max) || min < lower - tolerance || max > upper + tolerance) {
            throw new IllegalArgumentException(attack + ": inputs range over [" + min + ", " + max
                    + "], outside the input box " + this + "; map them into the box first (or choose another box)");
        }
    }

    @Override
    public String toString() {
        return "[" + lower + ", " + upper + "]";
    }
}
