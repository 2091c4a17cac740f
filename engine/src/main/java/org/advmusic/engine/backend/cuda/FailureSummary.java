package org.advmusic.engine.backend.cuda;

/**
 * One-line accounts of the failures met while opening the device. Deliberately free of JCuda types,
 * so that it still works when the JCuda classes themselves are missing.
 */
final class FailureSummary {
    private FailureSummary() {
    }

    /**
     * A one-line account of a failure: the exception's class and the most telling line of its
     * message (JCuda's library-loading errors span many lines; the one naming the missing shared
     * library is what a user needs).
     */
    static String of(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getMessage() == null) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage();
        String best = message.lines().findFirst().orElse("");
        for (String line : (Iterable<String>) message.lines()::iterator) {
            if (line.contains("cannot open shared object file") || line.contains("undefined symbol")
                    || line.contains("version `")) {
                best = line.trim().replaceFirst("^[\\w.$]+(Error|Exception): ", ""); // drop a repeated class name
                break;
            }
        }
        return root.getClass().getSimpleName() + (best.isEmpty() ? "" : ": " + best);
    }
}
