package org.advmusic.engine.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The methods that do the CPU backend's Vector API arithmetic stay single compile units: each is larger
 * than HotSpot's inlining limit for hot methods (FreqInlineSize, 325 bytecodes), so the JIT compiles it
 * on its own instead of inlining it into a larger caller, where its vector operations were sometimes
 * left as plain Java calls (see {@link WinogradTransforms}). A refactoring into small helpers fails here
 * rather than only in a benchmark.
 */
class VectorKernelSizeTest {
    private static final int HOT_INLINE_LIMIT = 325;
    /** A member's declaration in javap's listing (a field, a method, the static initializer). */
    private static final Pattern MEMBER = Pattern.compile("^  \\S.*?(?: (\\w+)\\(.*)?;$");
    private static final Pattern INSTRUCTION = Pattern.compile("^\\s+(\\d+): ");

    @Test
    void vectorKernelsAreTooLargeToInline() {
        Map<Class<?>, List<String>> kernels = Map.of(
                WinogradTransforms.class, List.of("inputRow", "outputRow", "outputGradientRow"),
                VectorGemmKernel.class, List.of("microKernel"),
                VectorReluGate.class, List.of("rectifiedScale"));
        kernels.forEach((type, methods) -> {
            for (String method : methods) {
                int size = bytecodeSize(type.getName(), method);
                assertTrue(size > HOT_INLINE_LIMIT, type.getSimpleName() + "." + method + " has " + size
                        + " bytes of bytecode, at most " + HOT_INLINE_LIMIT
                        + ": the JIT may inline it into its callers");
            }
        });
    }

    /** Offset of the last instruction of method {@code name} in {@code className}, from javap's listing. */
    private static int bytecodeSize(String className, String name) {
        int last = -1;
        boolean inside = false;
        for (String line : Bytecode.listing(className).split("\n")) {
            Matcher member = MEMBER.matcher(line);
            if (member.matches()) {
                if (inside) {
                    break;
                }
                inside = name.equals(member.group(1));
                continue;
            }
            Matcher instruction = INSTRUCTION.matcher(line);
            if (inside && instruction.find()) {
                last = Integer.parseInt(instruction.group(1));
            }
        }
        assertTrue(last >= 0, "no bytecode found for " + className + "." + name);
        return last + 1;
    }
}
