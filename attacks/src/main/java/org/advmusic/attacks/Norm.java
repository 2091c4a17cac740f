package org.advmusic.attacks;

/** The norm that measures a perturbation in a threat model. */
public enum Norm {
    /** The largest absolute change of any input element. */
    LINF("Linf"),
    /** The Euclidean length of the perturbation. */
    L2("L2");

    private final String label;

    Norm(String label) {
        this.label = label;
    }

    /** The conventional name: "Linf" or "L2". */
    public String label() {
        return label;
    }

    /** Parses "linf", "Linf", "inf", "l2" or "L2". */
    public static Norm parse(String text) {
        return switch (text.trim().toLowerCase()) {
            case "linf", "inf", "l_inf" -> LINF;
            case "l2", "2" -> L2;
            default -> throw new IllegalArgumentException("unknown norm '" + text + "'; expected Linf or L2");
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
