package org.advmusic.engine.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.spi.ToolProvider;

/** The bytecode of a class on the test class path, as javap lists it, for tests that guard compiled shapes. */
final class Bytecode {
    private Bytecode() {
    }

    /** {@code javap -c -p} of {@code className}. */
    static String listing(String className) {
        ToolProvider javap = ToolProvider.findFirst("javap")
                .orElseThrow(() -> new AssertionError("javap is not available in this JDK"));
        StringWriter listing = new StringWriter();
        int status = javap.run(new PrintWriter(listing), new PrintWriter(new StringWriter()), "-c", "-p",
                "-classpath", System.getProperty("java.class.path"), className);
        assertEquals(0, status, "javap failed on " + className);
        return listing.toString();
    }
}
