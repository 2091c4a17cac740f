package org.advmusic.experiments.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Min / median / max over forks, and the spread normalised run by run by the controls around each run. */
class ForkSummaryTest {

    private static final JvmActivity QUIET = new JvmActivity(0, 0);

    /** A forward figure of three runs at the same speed on a machine whose every reading is (fma, memory). */
    private static Figure forward(double samplesPerSecond, double fma, double memory) {
        return forward(new double[] {samplesPerSecond, samplesPerSecond, samplesPerSecond},
                new double[] {fma, fma, fma, fma}, memory);
    }

    private static Figure forward(double samplesPerSecond, double fma) {
        return forward(samplesPerSecond, fma, 50);
    }

    /** A forward figure with the given runs and FMA readings around them (one more than runs), memory fixed. */
    private static Figure forward(double[] runs, double[] fma, double memory) {
        List<Control> controls = Arrays.stream(fma).mapToObj(f -> new Control(f, memory)).toList();
        return Figure.measured("forward", "samples/s", true, runs, controls, QUIET);
    }

    @Test
    void aMachineTwiceAsSlowIsNotASpreadButSlowCodeIs() {
        // forks 2 and 3 ran on a machine half as fast (both controls halved) and the figure followed it
        List<ForkSummary.Row> rows = ForkSummary.rows(List.of(List.of(forward(100, 200, 60)),
                List.of(forward(50, 100, 30)), List.of(forward(52, 100, 30))));
        ForkSummary.Row r = rows.get(0);
        assertEquals(50, r.min());
        assertEquals(52, r.median());
        assertEquals(100, r.max());
        assertEquals(100, r.fmaMedian());
        assertEquals(30, r.memoryMedian());
        assertEquals(1.04, r.normalisedSpread(), 1e-12);
        // the same figures with the control unchanged: the code itself was slower in two forks
        ForkSummary.Row slowCode = ForkSummary.rows(List.of(List.of(forward(100, 200)), List.of(forward(50, 200)),
                List.of(forward(52, 200)))).get(0);
        assertEquals(2.0, slowCode.normalisedSpread(), 1e-12);
        assertTrue(ForkSummary.format(List.of(slowCode)).get(1).endsWith("2.00 !"));
        assertEquals(2.0, slowCode.rawSpread(), 1e-12);
    }

    /**
     * Issue 21's VM: the FMA control steady at about 400 GFLOP/s while the memory control moved between 46 and
     * 66 GB/s, and the forward pass with it (150 against 195 samples/s). Normalised by the FMA control alone that
     * was a spread of 1.30; by the machine's speed sqrt(FMA x memory) it is 1.30 x sqrt(46 / 66) = 1.085.
     */
    @Test
    void aSlowerMemoryIsASlowerMachine() {
        ForkSummary.Row row = ForkSummary.rows(List.of(List.of(forward(150, 400, 46)), List.of(forward(195, 400, 66))))
                .get(0);
        assertEquals(1.30, row.rawSpread(), 1e-12);
        assertEquals(1.30 * Math.sqrt(46.0 / 66), row.normalisedSpread(), 1e-12);
        assertEquals(Math.sqrt(400 * 46.0), new Control(400, 46).speed(), 1e-12);
    }

    @Test
    void timesAreNormalisedTheOtherWayAndRatiosAsThey() {
        List<Control> fastMachine = List.of(new Control(200, 2), new Control(200, 2));
        List<Control> slowMachine = List.of(new Control(100, 1), new Control(100, 1));
        Figure fast = Figure.measured("epoch", "s", false, new double[] {1.0}, fastMachine, QUIET);
        Figure slow = Figure.measured("epoch", "s", false, new double[] {2.0}, slowMachine, QUIET);
        assertEquals(1.0, ForkSummary.rows(List.of(List.of(fast), List.of(slow))).get(0).normalisedSpread(), 1e-12);
        Figure ratioA = Figure.ratio("ratio", 1.2);
        Figure ratioB = Figure.ratio("ratio", 1.5);
        assertEquals(1.25, ForkSummary.rows(List.of(List.of(ratioA), List.of(ratioB))).get(0).normalisedSpread(), 1e-12);
    }

    /**
     * Issue 21's second quiet run: a fork whose PGD-10 was 0.75x the others while the FMA control right before and
     * after the whole figure read normal: the machine slowed down in between. Read only before and after, that
     * was a normalised spread of 1.33; the readings between the runs see the slow machine and take it out.
     */
    @Test
    void aMachineThatSlowsDownBetweenTheFirstAndLastReadingIsSeenByTheReadingsBetweenRuns() {
        Figure normal = forward(new double[] {200, 200, 200, 200, 200}, new double[] {400, 400, 400, 400, 400, 400}, 50);
        // runs 2 to 4 on a machine at 0.75x FMA and memory alike (speed 0.75x): the figure follows it
        Figure slowedDown = Figure.measured("forward", "samples/s", true, new double[] {200, 200, 150, 150, 150},
                List.of(new Control(400, 50), new Control(400, 50), new Control(400, 50), new Control(300, 37.5),
                        new Control(300, 37.5), new Control(400, 50)), QUIET);
        assertArrayEquals(new int[] {0, 1, 3}, slowedDown.steadyRuns(), "readings 400 -> 300 differ by 1.33x");
        assertTrue(slowedDown.controlSteady());
        assertEquals(200 / new Control(400, 50).speed(), slowedDown.normalised(), 1e-12);
        ForkSummary.Row row = ForkSummary.rows(List.of(List.of(normal), List.of(slowedDown))).get(0);
        assertEquals(1.0, row.normalisedSpread(), 1e-12);
        assertEquals(200.0 / 150, row.rawSpread(), 1e-12);
        // the machine was slow during the middle run only, and no reading saw it: that run is outvoted
        Figure oneSlowRun = forward(new double[] {200, 200, 120, 200, 200}, new double[] {400, 400, 400, 400, 400, 400},
                50);
        assertEquals(200 / new Control(400, 50).speed(), oneSlowRun.normalised(), 1e-12);
    }

    /**
     * Issue 21's first quiet run: one fork's control before the forward ran at 222 instead of about 435 GFLOP/s
     * while the figure itself did not move; normalised by that reading it made a spread of 1.42 out of a raw 1.08.
     * The reading disagrees with the next one, so the run after it is not normalised by it.
     */
    @Test
    void aStalledReadingLeavesOutOnlyTheRunsBesideIt() {
        Figure f = forward(new double[] {164, 164, 164, 164, 164}, new double[] {222, 435, 435, 435, 435, 435}, 50);
        assertArrayEquals(new int[] {1, 2, 3, 4}, f.steadyRuns());
        assertTrue(f.controlSteady());
        assertEquals(164 / new Control(435, 50).speed(), f.normalised(), 1e-12);
        assertEquals(new Control(435, 50), f.control(), "the median reading");
        ForkSummary.Row row = ForkSummary.rows(List.of(List.of(f), List.of(forward(177, 435)))).get(0);
        assertEquals(177.0 / 164, row.normalisedSpread(), 1e-12);
    }

    @Test
    void aControlThatKeepsJumpingIsLeftOutOfTheNormalisedSpreadAndSaidSo() {
        Figure jumpy = forward(new double[] {100, 100, 100, 100, 100}, new double[] {430, 200, 420, 210, 430, 430}, 50);
        assertArrayEquals(new int[] {4}, jumpy.steadyRuns());
        assertFalse(jumpy.controlSteady(), "one steady run of five");
        ForkSummary.Row row = ForkSummary.rows(List.of(List.of(jumpy), List.of(forward(172, 433)),
                List.of(forward(177, 437)))).get(0);
        assertEquals(1, row.unsteadyForks());
        assertEquals(177 / new Control(437, 50).speed() / (172 / new Control(433, 50).speed()), row.normalisedSpread(),
                1e-12);
        assertEquals(1.77, row.rawSpread(), 1e-12);
        assertTrue(ForkSummary.format(List.of(row)).get(1).endsWith("(1 unsteady left out)"));
    }

    @Test
    void eachRunNeedsAReadingBeforeAndAfterIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> forward(new double[] {1, 2},
                new double[] {400, 400}, 50));
        assertTrue(e.getMessage().contains("2 runs need 3 control readings, got 2"), e.getMessage());
    }

    /** The bench's order: a reading, then a round of the works (a, b), then a reading, and so on. */
    @Test
    void readingsAreTakenBeforeTheFirstRoundAndAfterEach() {
        List<String> order = new ArrayList<>();
        long[] now = {0};
        double[] fma = {400};
        BenchRun.Timed timed = BenchRun.interleave(3, () -> {
            order.add("control");
            return new Control(fma[0]--, 50);
        }, () -> now[0], () -> {
            order.add("a");
            now[0] += 1_000_000_000L;
        }, () -> {
            order.add("b");
            now[0] += 2_000_000_000L;
        });
        assertEquals(List.of("control", "a", "b", "control", "a", "b", "control", "a", "b", "control"), order);
        assertArrayEquals(new double[] {1, 1, 1}, timed.seconds()[0]);
        assertArrayEquals(new double[] {2, 2, 2}, timed.seconds()[1]);
        assertEquals(List.of(400.0, 399.0, 398.0, 397.0), timed.controls().stream().map(Control::fmaGflops).toList());
    }

    @Test
    void figuresWithTheirRunsAndReadingsSurviveTheForksJson() throws Exception {
        Figure f = Figure.measured("forward", "samples/s", true, new double[] {164, 170},
                List.of(new Control(222, 25), new Control(435, 50), new Control(430, 49)), new JvmActivity(0.25, 0.01));
        Path file = Files.createTempFile("figures", ".json");
        try {
            Forks.write(file, List.of(f, Figure.ratio("ratio", 1.2)));
            assertEquals(List.of(f, Figure.ratio("ratio", 1.2)), new ObjectMapper().readValue(file.toFile(),
                    new TypeReference<List<Figure>>() { }));
        } finally {
            Files.delete(file);
        }
    }
}
