package org.advmusic.engine.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.advmusic.engine.testing.GradCheck;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Central-difference gradient check of every operation on the float64 reference backend. */
class OpGradientCheckTest {

    static Stream<OpGradientCases.GradCase> cases() {
        return OpGradientCases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void analyticGradientMatchesCentralDifferences(OpGradientCases.GradCase c) {
        double worst = GradCheck.check(c.name(), c.function(), c.inputs().get());
        assertTrue(worst <= GradCheck.TOLERANCE);
    }
}
