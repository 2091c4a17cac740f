package org.advmusic.engine.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * On a machine without a usable GPU, the GPU test classes must be skipped (aborted by an
 * assumption), never failed, so that {@code mvn verify} passes there. Runs them through the JUnit
 * launcher and inspects the outcome.
 */
class CudaGpuTestsSkipTest {

    @Test
    void gpuTestClassesAreSkippedWithoutAGpu() {
        assumeTrue(CudaGpuParityTest.registeredBackend().unavailableReason().isPresent(),
                "a GPU is usable here, so the GPU tests run instead");
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(CudaGpuParityTest.class), selectClass(CudaGpuKernelGemmParityTest.class))
                .build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, listener);
        TestExecutionSummary summary = listener.getSummary();

        StringWriter failures = new StringWriter();
        summary.printFailuresTo(new PrintWriter(failures), 5);
        assertEquals(0, summary.getTotalFailureCount(), "GPU tests failed instead of skipping:\n" + failures);
        assertTrue(summary.getTestsFoundCount() > 0, "no GPU tests were found");
        assertEquals(0, summary.getTestsSucceededCount(), "GPU tests ran without a GPU");
        assertEquals(summary.getTestsFoundCount(), summary.getTestsAbortedCount(), "each GPU test is skipped by its assumption");
    }
}
