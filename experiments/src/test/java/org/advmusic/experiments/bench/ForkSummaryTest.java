package org.advmusic.experiments.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Min / median / max over forks, and the spread normalised by the control. */
class ForkSummaryTest {

    private static Figure forward(double samplesPerSecond, double fma) {
        return new Figure("forward", "samples/s", samplesPerSecond, true, new Control(fma, 10), new Control(fma, 12));
    }

    @Test
    void aMachineTwiceAsSlowIsNotASpreadButSlowCodeIs() {
        // forks 2 and 3 ran on a machine half as fast (control halved) and the figure followed it
        List<ForkSummary.Row> rows = ForkSummary.rows(List.of(List.of(forward(100, 200)), List.of(forward(50, 100)),
                List.of(forward(52, 100))));
        ForkSummary.Row r = rows.get(0);
        assertEquals(50, r.min());
        assertEquals(52, r.median());
        assertEquals(100, r.max());
        assertEquals(100, r.fmaMedian());
        assertEquals(11, r.memoryMedian());
        assertEquals(1.04, r.normalisedSpread(), 1e-12);
        // the same figures with the control unchanged: the code itself was slower in two forks
        ForkSummary.Row slowCode = ForkSummary.rows(List.of(List.of(forward(100, 200)), List.of(forward(50, 200)),
                List.of(forward(52, 200)))).get(0);
        assertEquals(2.0, slowCode.normalisedSpread(), 1e-12);
        assertTrue(ForkSummary.format(List.of(slowCode)).get(1).endsWith("2.00 !"));
    }

    @Test
    void timesAreNormalisedTheOtherWayAndRatiosAsThey() {
        Figure fast = new Figure("epoch", "s", 1.0, false, new Control(200, 1), new Control(200, 1));
        Figure slowMachine = new Figure("epoch", "s", 2.0, false, new Control(100, 1), new Control(100, 1));
        assertEquals(1.0, ForkSummary.rows(List.of(List.of(fast), List.of(slowMachine))).get(0).normalisedSpread(), 1e-12);
        Figure ratioA = new Figure("ratio", "x", 1.2, false, null, null);
        Figure ratioB = new Figure("ratio", "x", 1.5, false, null, null);
        assertEquals(1.25, ForkSummary.rows(List.of(List.of(ratioA), List.of(ratioB))).get(0).normalisedSpread(), 1e-12);
    }
}
