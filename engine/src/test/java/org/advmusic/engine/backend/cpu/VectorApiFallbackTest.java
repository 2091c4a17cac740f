package org.advmusic.engine.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The run-time check for the Vector API's Java fallback. */
class VectorApiFallbackTest {

    @Test
    void theTestJvmRunsTheVectorApiCompiled() {
        assertEquals(Optional.empty(), VectorApiFallback.reason(), "the tests run with C2 and vector intrinsics");
    }

    @Test
    void eachCauseIsNamed() {
        Map<String, String> c2 = Map.of("UseCompiler", "true", "TieredStopAtLevel", "4", "MaxVectorSize", "64");
        assertEquals(Optional.empty(), VectorApiFallback.reason(c2::get, "mixed mode, sharing"));
        assertTrue(VectorApiFallback.reason(c2::get, "interpreted mode, sharing").orElseThrow().contains("-Xint"));
        Map<String, String> c1 = Map.of("UseCompiler", "true", "TieredStopAtLevel", "1");
        assertTrue(VectorApiFallback.reason(c1::get, "mixed mode").orElseThrow().contains("TieredStopAtLevel=1"));
        Map<String, String> off = Map.of("EnableVectorSupport", "false");
        assertTrue(VectorApiFallback.reason(off::get, "mixed mode").orElseThrow().contains("-EnableVectorSupport"));
        Map<String, String> narrow = Map.of("MaxVectorSize", "8");
        assertTrue(VectorApiFallback.reason(narrow::get, "mixed mode").orElseThrow().contains("MaxVectorSize=8"));
    }
}
