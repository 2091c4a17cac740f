package org.advmusic.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.advmusic.engine.backend.cpu.CpuBackend;
import org.junit.jupiter.api.Test;

/** The settings read from the environment and start-up properties, and backends set up by options. */
class EngineEnvironmentTest {

    @Test
    void nothingSetGivesTheDefaults() {
        EngineEnvironment e = EngineEnvironment.of(Map.of(), Map.of());
        assertNull(e.device());
        assertEquals("auto", e.deviceOr("auto"));
        assertEquals(BackendOptions.defaults(), e.options());
    }

    @Test
    void theVariablesAreHonouredAndAPropertyWinsOverTheVariable() {
        EngineEnvironment e = EngineEnvironment.of(Map.of("ADVMUSIC_DEVICE", " CPU ", "ADVMUSIC_THREADS", "3"), Map.of());
        assertEquals("cpu", e.device());
        assertEquals(3, e.options().threads());
        e = EngineEnvironment.of(Map.of("ADVMUSIC_DEVICE", "cuda", "ADVMUSIC_THREADS", "3"),
                Map.of("advmusic.device", "reference", "advmusic.threads", "2", "advmusic.cpu.gemm", "plain",
                        "advmusic.cpu.winograd", "false", "advmusic.cuda.gemm", "kernel"));
        assertEquals("reference", e.device());
        assertEquals(new BackendOptions(2, "plain", false, 0, "kernel", false), e.options());
    }

    @Test
    void invalidValuesAreErrorsNamingTheVariableAndTheValue() {
        String[][] cases = {
            {"ADVMUSIC_DEVICE", "gpu", "one of auto, cpu, cuda, reference"},
            {"ADVMUSIC_THREADS", "two", "a whole number of threads >= 1"},
            {"ADVMUSIC_THREADS", "0", "a whole number of threads >= 1"},
            {"ADVMUSIC_THREADS", "-1", "a whole number of threads >= 1"},
        };
        for (String[] c : cases) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> EngineEnvironment.of(Map.of(c[0], c[1]), Map.of()));
            assertEquals("environment variable " + c[0] + " is '" + c[1] + "', expected " + c[2], error.getMessage());
        }
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> EngineEnvironment.of(Map.of(), Map.of("advmusic.cpu.winograd", "off")));
        assertEquals("system property advmusic.cpu.winograd is 'off', expected true or false", error.getMessage());
    }

    @Test
    void backendsAreSetUpByOptionsAndKeptOnePerNameAndOptions() {
        Backend two = Backends.get("cpu", BackendOptions.defaults().withThreads(2));
        Backend one = Backends.get("cpu", BackendOptions.defaults().withThreads(1));
        assertEquals(2, ((CpuBackend) two).threads());
        assertEquals(1, ((CpuBackend) one).threads());
        assertNotSame(one, two);
        assertSame(two, Backends.get("cpu", BackendOptions.defaults().withThreads(2)));
        assertTrue(((CpuBackend) Backends.get("cpu", BackendOptions.defaults().withCpuGemm("plain")))
                .gemmKernelName().startsWith("plain Java"));
        assertThrows(IllegalArgumentException.class, () -> BackendOptions.defaults().withCpuGemm("fastest"));
    }
}
