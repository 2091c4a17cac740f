package org.advmusic.nn;

import java.util.List;

/**
 * A state dict that does not fit a module: every missing name, unexpected name and shape mismatch
 * is listed at once, so a user fixes them in one go.
 */
public final class StateDictMismatchException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    /** @param what what was loaded (e.g. "state dict for GenreCnn"); {@code problems} one line each */
    public StateDictMismatchException(String what, List<String> problems) {
        super(what + " does not match (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                + "):\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per problem. */
    public List<String> problems() {
        return problems;
    }
}
