package org.advmusic.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EarlyStoppingTest {

    private static EpochRecord epoch(int epoch, double validationAccuracy) {
        return new EpochRecord(epoch, 1.0, 0.5, 1.0, validationAccuracy, 0.1, 0.0);
    }

    @Test
    void stopsAfterPatienceEpochsWithoutImprovementByMoreThanMinDelta() {
        EarlyStopping stopping = new EarlyStopping(Monitor.VALIDATION_ACCURACY, 2, 0.01);
        assertTrue(stopping.record(epoch(1, 0.50)));
        assertTrue(stopping.record(epoch(2, 0.60)));
        assertFalse(stopping.record(epoch(3, 0.605)), "an improvement below minDelta does not count");
        assertFalse(stopping.shouldStop());
        assertFalse(stopping.record(epoch(4, 0.55)));
        assertTrue(stopping.shouldStop());
        assertEquals(new EarlyStopping.State(0.60, 2, 2), stopping.state());
    }

    @Test
    void watchingValidationWithoutValidationDataFailsClearly() {
        EarlyStopping stopping = new EarlyStopping(Monitor.VALIDATION_LOSS, 3);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> stopping.record(new EpochRecord(1, 1.0, 0.5, null, null, 0.1, 0.0)));
        assertTrue(e.getMessage().contains("no validation data"), e.getMessage());
    }
}
