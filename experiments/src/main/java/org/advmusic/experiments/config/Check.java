package org.advmusic.experiments.config;

import java.util.List;

/** Validation of config values; each failure names the field, the value and what is allowed. */
final class Check {
    private Check() {
    }

    static int atLeast(String field, int value, int minimum) {
        if (value < minimum) {
            throw new ConfigException("config field '" + field + "' is " + value + "; expected an integer >= " + minimum);
        }
        return value;
    }

    static double positive(String field, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new ConfigException("config field '" + field + "' is " + value + "; expected a finite number > 0");
        }
        return value;
    }

    /** A finite level in dB below 0 ({@code orZero}: or 0), e.g. a peak in dBFS (0 dBFS is full scale). */
    static double negativeDecibels(String field, double value, String unit, boolean orZero) {
        if (!(orZero ? value <= 0 : value < 0) || Double.isInfinite(value)) {
            throw new ConfigException("config field '" + field + "' is " + value + "; expected a finite level "
                    + (orZero ? "<= 0 " : "< 0 ") + unit + " (0 " + unit + " is full scale)");
        }
        return value;
    }

    /** Checks each element of a value of one list field. */
    interface ElementCheck {
        void check(String field, double value);
    }

    /** A non-empty list of budgets, each checked as {@code field[i]}; returns a sorted (increasing) copy. */
    static double[] budgetList(String field, double[] values, String unit, ElementCheck element) {
        if (values == null || values.length == 0) {
            throw new ConfigException("config field '" + field + "' is empty; expected a list of budgets in " + unit);
        }
        for (int i = 0; i < values.length; i++) {
            element.check(field + "[" + i + "]", values[i]);
        }
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted;
    }

    static double within(String field, double value, double low, double high) {
        if (!(value >= low && value <= high)) {
            throw new ConfigException("config field '" + field + "' is " + value + "; expected a number in [" + low + ", " + high + "]");
        }
        return value;
    }

    static String oneOf(String field, String value, List<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            throw new ConfigException("config field '" + field + "' is " + (value == null ? "null" : "'" + value + "'")
                    + "; expected one of " + String.join(", ", allowed));
        }
        return value;
    }

    static <T> T required(String field, T value) {
        if (value == null) {
            throw new ConfigException("config field '" + field + "' is missing or null");
        }
        return value;
    }

    /** The value must be one of {@code list} (the field {@code listField}). */
    static double member(String field, double value, String listField, double[] list) {
        if (java.util.Arrays.stream(list).noneMatch(v -> v == value)) {
            throw new ConfigException("config field '" + field + "' is " + value + "; expected one of '" + listField + "' "
                    + java.util.Arrays.toString(list) + " (one budget table serves every stage: add it there, or choose one of them)");
        }
        return value;
    }

    static double[] epsilons(String field, double[] values) {
        if (values == null || values.length == 0) {
            throw new ConfigException("config field '" + field + "' is empty; expected a list of epsilons >= 0");
        }
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] >= 0) || Double.isInfinite(values[i])) {
                throw new ConfigException("config field '" + field + "[" + i + "]' is " + values[i]
                        + "; expected a finite epsilon >= 0");
            }
            if (i > 0 && values[i] <= values[i - 1]) {
                throw new ConfigException("config field '" + field + "' is not increasing at index " + i + " ("
                        + values[i - 1] + ", " + values[i] + ")");
            }
        }
        return values.clone();
    }
}
