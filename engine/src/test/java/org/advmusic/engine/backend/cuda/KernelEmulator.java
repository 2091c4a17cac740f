package org.advmusic.engine.backend.cuda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds {@code src/test/cuda/kernel_emulator.cpp} (the CUDA kernels compiled for the CPU, with
 * AddressSanitizer and UndefinedBehaviorSanitizer) with g++, once per set of sources: the executable
 * is kept under {@code target/kernel-emulator/<hash of the sources>/}.
 */
final class KernelEmulator {
    static final Path EMULATOR_SOURCES = Path.of("src", "test", "cuda");
    private static final Path BUILD_DIRECTORY = Path.of("target", "kernel-emulator");

    private static Path executable;
    private static String unavailable;

    private KernelEmulator() {
    }

    /** Why the emulator cannot be built here, or null when it can (builds it on first call). */
    static synchronized String unavailableReason() {
        if (executable == null && unavailable == null) {
            try {
                executable = build();
            } catch (IOException | InterruptedException | IllegalStateException e) {
                unavailable = e.getMessage();
            }
        }
        return unavailable;
    }

    /** The emulator executable; call {@link #unavailableReason()} first. */
    static synchronized Path executable() {
        if (unavailableReason() != null) {
            throw new IllegalStateException("the kernel emulator is unavailable: " + unavailable);
        }
        return executable;
    }

    private static Path build() throws IOException, InterruptedException {
        if (!CudaPtxResourcesTest.onPath("g++")) {
            throw new IllegalStateException("g++ is not on the PATH");
        }
        List<Path> sources = new ArrayList<>(CudaSources.sourceFiles());
        try (Stream<Path> files = Files.list(EMULATOR_SOURCES)) {
            files.sorted().forEach(sources::add);
        }
        StringBuilder all = new StringBuilder();
        for (Path p : sources) {
            all.append(p.getFileName()).append('\n').append(CudaSources.read(p)).append('\n');
        }
        Path directory = BUILD_DIRECTORY.resolve(CudaPtxResourcesTest.sha256(all.toString().getBytes()).substring(0, 16));
        Path binary = directory.resolve("kernel_emulator");
        if (Files.isExecutable(binary)) {
            return binary;
        }
        Files.createDirectories(directory);
        Path partial = directory.resolve("kernel_emulator.partial");
        List<String> command = List.of("g++", "-std=c++20", "-O1", "-g", "-pthread",
                "-fsanitize=address,undefined", "-fno-sanitize-recover=all",
                "-I", CudaSources.SOURCE_DIRECTORY.toString(), "-I", EMULATOR_SOURCES.toString(),
                "-o", partial.toString(), EMULATOR_SOURCES.resolve("kernel_emulator.cpp").toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("building the kernel emulator failed: " + String.join(" ", command) + "\n" + output);
        }
        Files.move(partial, binary);
        return binary;
    }

    /** Starts an emulator process (sanitizer leak checks off: the process is killed, not shut down). */
    static Process start() {
        ProcessBuilder builder = new ProcessBuilder(executable().toString());
        builder.environment().put("ASAN_OPTIONS", "detect_leaks=0");
        builder.environment().put("UBSAN_OPTIONS", "print_stacktrace=1");
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + executable(), e);
        }
    }
}
