package org.advmusic.engine.backend.cuda;

import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of one kernel launch, in the kernel's parameter order, each with its C type:
 * a device address ({@code float*}, {@code int*}), {@code int}, {@code float}, {@code double},
 * {@code long long}, or a struct of ints passed by value ({@code WindowGeometry}, {@code StridedIndex}).
 */
final class KernelArguments {

    /** One argument. */
    sealed interface Argument permits Address, Int32, Float32, Float64, Int64, IntStruct {
    }

    /** A device pointer parameter. */
    record Address(DeviceAddress address) implements Argument {
    }

    /** An {@code int} parameter. */
    record Int32(int value) implements Argument {
    }

    /** A {@code float} parameter. */
    record Float32(float value) implements Argument {
    }

    /** A {@code double} parameter. */
    record Float64(double value) implements Argument {
    }

    /** A {@code long long} parameter. */
    record Int64(long value) implements Argument {
    }

    /** A struct made only of {@code int} fields, passed by value, its fields in declaration order. */
    record IntStruct(int[] fields) implements Argument {
    }

    private final List<Argument> arguments = new ArrayList<>();

    /**
     * The arguments, typed by their Java class: {@link DeviceAddress} (a pointer), {@link Integer}
     * ({@code int}), {@link Float}, {@link Double}, {@link Long} ({@code long long}), {@code int[]}
     * (a struct of ints). Write literals with the right type ({@code 1.0f}, {@code (long) x}).
     */
    static KernelArguments of(Object... values) {
        KernelArguments a = new KernelArguments();
        for (Object v : values) {
            a.arguments.add(argument(v));
        }
        return a;
    }

    private static Argument argument(Object v) {
        if (v instanceof DeviceAddress address) {
            return new Address(address);
        } else if (v instanceof Integer i) {
            return new Int32(i);
        } else if (v instanceof Float f) {
            return new Float32(f);
        } else if (v instanceof Double d) {
            return new Float64(d);
        } else if (v instanceof Long l) {
            return new Int64(l);
        } else if (v instanceof int[] fields) {
            return new IntStruct(fields.clone());
        }
        throw new IllegalArgumentException("kernel argument of type "
                + (v == null ? "null" : v.getClass().getName()) + " is not supported");
    }

    /** The arguments in parameter order. */
    List<Argument> list() {
        return List.copyOf(arguments);
    }
}
