package org.advmusic.engine.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The committed PTX resources are current, complete and accepted by ptxas. Needs no GPU: the
 * staleness check compares SHA-256 sums, and ptxas (when the CUDA toolkit is installed) only assembles.
 */
class CudaPtxResourcesTest {
    private static final String REGENERATE = " (run engine/src/main/cuda/build-ptx.sh and commit its output)";

    @Test
    void recordedSourceHashesMatchTheSources() throws Exception {
        Map<String, String> recorded = new TreeMap<>();
        for (String line : CudaSources.resource("sources.sha256").split("\n")) {
            String[] hashAndName = line.trim().split("\\s+");
            recorded.put(hashAndName[1], hashAndName[0]);
        }
        Map<String, String> actual = new TreeMap<>();
        for (Path file : CudaSources.sourceFiles()) {
            actual.put(file.getFileName().toString(), sha256(Files.readAllBytes(file)));
        }
        assertEquals(actual, recorded, "the PTX resources are stale: the CUDA sources changed" + REGENERATE);
    }

    @Test
    void everySourceHasItsPtxModuleWithItsHashInTheHeader() {
        TreeSet<String> sources = new TreeSet<>();
        for (Path file : CudaSources.sourceFiles()) {
            String name = file.getFileName().toString();
            if (name.endsWith(".cu")) {
                sources.add(name.substring(0, name.length() - 3));
            }
        }
        TreeSet<String> modules = new TreeSet<>();
        for (PtxModule module : PtxModule.values()) {
            modules.add(module.fileName());
            String ptx = CudaSources.resource(module.fileName() + ".ptx");
            String hash = sha256(CudaSources.source(module.fileName() + ".cu").getBytes(StandardCharsets.UTF_8));
            assertTrue(ptx.startsWith("// GENERATED FILE"), module.resource() + " lacks the generated-file header");
            assertTrue(ptx.contains("// Source SHA-256: " + hash), module.resource() + " was not generated from the current "
                    + module.fileName() + ".cu" + REGENERATE);
            assertTrue(ptx.contains("\n.version 8.0\n"), module.resource() + " does not declare PTX ISA 8.0");
            assertTrue(ptx.contains("\n.target sm_75\n"), module.resource() + " does not target sm_75");
        }
        assertEquals(sources, modules, "each .cu file must have a PtxModule constant and the other way round");
    }

    @Test
    void thePtxDefinesExactlyTheKernelsTheBackendLaunches() {
        for (PtxModule module : PtxModule.values()) {
            TreeSet<String> defined = new TreeSet<>(CudaSources.entries(CudaSources.resource(module.fileName() + ".ptx")));
            TreeSet<String> launched = new TreeSet<>();
            for (Kernel kernel : Kernel.values()) {
                if (kernel.module() == module) {
                    launched.add(kernel.entry());
                }
            }
            assertEquals(launched, defined, "kernels of " + module.resource() + " versus the Kernel enum");
        }
    }

    /** ptxas assembles every module for the GPUs the backend is meant for (A100 and H100 generations). */
    @ParameterizedTest
    @ValueSource(strings = {"sm_80", "sm_90"})
    void ptxasAcceptsThePtx(String architecture, @TempDir Path work) throws Exception {
        assumeTrue(onPath("ptxas"), "ptxas is not on the PATH (install the CUDA toolkit to run this check)");
        for (PtxModule module : PtxModule.values()) {
            Path ptx = work.resolve(module.fileName() + ".ptx");
            Files.writeString(ptx, CudaSources.resource(module.fileName() + ".ptx"));
            List<String> command = new ArrayList<>(List.of("ptxas", "-arch=" + architecture, "-o",
                    work.resolve(module.fileName() + ".cubin").toString(), ptx.toString()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "ptxas did not finish on " + module.resource());
            assertEquals(0, process.exitValue(), "ptxas -arch=" + architecture + " rejected " + module.resource() + ":\n" + output);
        }
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        try (Stream<String> directories = Stream.of(path.split(File.pathSeparator))) {
            return directories.anyMatch(d -> Files.isExecutable(Path.of(d, program)));
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
