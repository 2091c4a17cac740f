package org.advmusic.nn.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Attention-shift measurements on hand-made maps. */
class AttentionShiftTest {

    private static final double[][] BLOB = {
            {0, 0, 0, 0},
            {0, 1, 2, 0},
            {0, 3, 4, 0}};

    @Test
    void identicalMapsCorrelateFullyAndNothingMoves() {
        AttentionShift shift = AttentionShift.between(BLOB, BLOB);
        assertEquals(1.0, shift.correlation(), 1e-12);
        assertEquals(0.0, shift.movedMass(), 1e-12);
        assertEquals(0.0, shift.centreShiftDistance(), 1e-12);
        assertTrue(shift.isDefined());
    }

    @Test
    void aScaledMapIsTheSameAttention() {
        double[][] doubled = new double[3][4];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                doubled[i][j] = 2 * BLOB[i][j];
            }
        }
        AttentionShift shift = AttentionShift.between(BLOB, doubled);
        assertEquals(1.0, shift.correlation(), 1e-12);
        assertEquals(0.0, shift.movedMass(), 1e-12);
    }

    @Test
    void disjointMapsMoveAllTheMassAndTheCentreMovesByTheOffset() {
        double[][] before = new double[3][4];
        double[][] after = new double[3][4];
        before[0][0] = 5;
        after[2][3] = 0.5;
        AttentionShift shift = AttentionShift.between(before, after);
        assertEquals(1.0, shift.movedMass(), 1e-12);
        assertEquals(2.0, shift.centreShiftFrequency(), 1e-12);
        assertEquals(3.0, shift.centreShiftTime(), 1e-12);
        assertEquals(Math.sqrt(13), shift.centreShiftDistance(), 1e-12);
        assertEquals(-1.0 / 11, shift.correlation(), 1e-12); // two single spikes among 12 positions
    }

    @Test
    void halfTheMassMovingGivesOneHalf() {
        double[][] before = {{1, 1, 0, 0}};
        double[][] after = {{1, 0, 1, 0}};
        AttentionShift shift = AttentionShift.between(before, after);
        assertEquals(0.5, shift.movedMass(), 1e-12);
        assertEquals(0.0, shift.centreShiftFrequency(), 1e-12);
        assertEquals(0.5, shift.centreShiftTime(), 1e-12);
    }

    @Test
    void anEmptyMapLeavesTheMeasurementsUndefinedAndTheSummarySkipsIt() {
        AttentionShift empty = AttentionShift.between(BLOB, new double[3][4]);
        assertTrue(Double.isNaN(empty.correlation()) && Double.isNaN(empty.movedMass()));
        assertFalse(empty.isDefined());

        AttentionShift same = AttentionShift.between(BLOB, BLOB);
        double[][] before = new double[3][4];
        double[][] after = new double[3][4];
        before[0][0] = 1;
        after[2][3] = 1;
        AttentionShift disjoint = AttentionShift.between(before, after);
        AttentionShiftSummary summary = AttentionShiftSummary.of(List.of(same, disjoint, empty), new int[] {0, 0, 2},
                List.of("blues", "jazz", "rock"));

        AttentionShiftSummary.Average blues = summary.perClass().get(0);
        assertEquals(2, blues.samples());
        assertEquals(0, blues.undefined());
        assertEquals(0.5, blues.movedMass(), 1e-12);
        assertEquals((1.0 - 1.0 / 11) / 2, blues.correlation(), 1e-12);
        assertEquals(0, summary.perClass().get(1).samples());
        assertEquals(1, summary.perClass().get(2).undefined());
        assertTrue(Double.isNaN(summary.perClass().get(2).movedMass()));
        assertEquals(3, summary.overall().samples());
        assertEquals(0.5, summary.overall().movedMass(), 1e-12);
        assertEquals(List.of("blues", "jazz", "rock"), summary.perClass().stream().map(AttentionShiftSummary.Average::name).toList());
    }

    @Test
    void badMapsAndLabelsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> AttentionShift.between(BLOB, new double[3][3]));
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> AttentionShift.between(BLOB, new double[][] {{0, 0, 0, 0}, {0, -1, 0, 0}, {0, 0, 0, 0}}));
        assertTrue(negative.getMessage().contains("[1][1]"), negative.getMessage());
        AttentionShift shift = AttentionShift.between(BLOB, BLOB);
        IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
                () -> AttentionShiftSummary.of(List.of(shift), new int[] {2}, List.of("a", "b")));
        assertTrue(label.getMessage().contains("label 2"), label.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> AttentionShiftSummary.of(List.of(shift), new int[] {0, 1}, List.of("a", "b")));
    }
}
