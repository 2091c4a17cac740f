package org.advmusic.defenses.squeezing;

import java.util.List;
import java.util.stream.Collectors;
import org.advmusic.engine.Tensor;

/** Several squeezers applied in order. */
public final class ComposedSqueezer implements Squeezer {
    private final List<Squeezer> parts;

    /** @param parts applied first to last; at least one */
    public ComposedSqueezer(List<Squeezer> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("composed squeezer: no squeezers given");
        }
        this.parts = List.copyOf(parts);
    }

    @Override
    public String name() {
        return parts.stream().map(Squeezer::name).collect(Collectors.joining("+"));
    }

    @Override
    public Tensor apply(Tensor x) {
        Tensor out = x;
        for (Squeezer s : parts) {
            out = s.apply(out);
        }
        return out;
    }
}
