package org.advmusic.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.advmusic.engine.Backend;
import org.advmusic.engine.EngineEnvironment;
import org.junit.jupiter.api.Test;

/** The flag wins over ADVMUSIC_DEVICE / ADVMUSIC_THREADS, which win over the config. */
class BackendChoiceTest {
    private static final EngineEnvironment REFERENCE_THREE_THREADS =
            EngineEnvironment.of(Map.of("ADVMUSIC_DEVICE", "reference", "ADVMUSIC_THREADS", "3"), Map.of());
    private static final EngineEnvironment NOTHING_SET = EngineEnvironment.of(Map.of(), Map.of());

    @Test
    void theEnvironmentWinsOverTheConfigAndTheFlagOverBoth() {
        assertEquals("reference", BackendChoice.open(REFERENCE_THREE_THREADS, null, null, "cpu", 1).name());
        Backend flagged = BackendChoice.open(REFERENCE_THREE_THREADS, "cpu", null, "cuda", 1);
        assertEquals("cpu", flagged.name());
        assertEquals(3, BackendChoice.threads(flagged));
        assertEquals(2, BackendChoice.threads(BackendChoice.open(REFERENCE_THREE_THREADS, "cpu", 2, "cpu", 1)));
        Backend fromConfig = BackendChoice.open(NOTHING_SET, null, null, "cpu", 1);
        assertEquals("cpu", fromConfig.name());
        assertEquals(1, BackendChoice.threads(fromConfig));
    }
}
