package org.advmusic.experiments.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** {@code bench --only}: groups by their option names, all of them, and an unknown name refused by name. */
class FigureGroupTest {

    @Test
    void groupsAreNamedAsOnTheCommandLine() {
        assertEquals(EnumSet.of(FigureGroup.FORWARD, FigureGroup.STEP, FigureGroup.INPUT_GRADIENT, FigureGroup.PGD),
                FigureGroup.parse("forward,step, input-gradient,pgd"));
        assertEquals(EnumSet.allOf(FigureGroup.class), FigureGroup.parse("all"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FigureGroup.parse("step,pgd7"));
        assertTrue(e.getMessage().contains("'pgd7'") && e.getMessage().contains("input-gradient, pgd, waveform, epochs"), e.getMessage());
    }
}
