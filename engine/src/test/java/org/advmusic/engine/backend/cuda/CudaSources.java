package org.advmusic.engine.backend.cuda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reading the CUDA sources and the generated PTX resources in tests (tests run in the engine module's directory). */
final class CudaSources {
    /** The CUDA source directory. */
    static final Path SOURCE_DIRECTORY = Path.of("src", "main", "cuda");

    private CudaSources() {
    }

    /** The files of the source directory by name, sorted. */
    static List<Path> sourceFiles() {
        try (Stream<Path> files = Files.list(SOURCE_DIRECTORY)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + SOURCE_DIRECTORY.toAbsolutePath(), e);
        }
    }

    /** The text of a source file, e.g. {@code "elementwise.cu"}. */
    static String source(String fileName) {
        return read(SOURCE_DIRECTORY.resolve(fileName));
    }

    /** The text of a class-path resource of the CUDA backend, e.g. {@code "sources.sha256"}. */
    static String resource(String fileName) {
        String path = PtxModule.RESOURCE_DIRECTORY + fileName;
        try (var in = CudaSources.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(path, e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), e);
        }
    }

    /** {@code NAME = value} entries of the C enum whose names start with {@code prefix}, e.g. {@code UNARY_}. */
    static Map<String, Integer> enumCodes(String fileName, String prefix) {
        Map<String, Integer> codes = new TreeMap<>();
        Matcher m = Pattern.compile("\\b" + prefix + "([A-Z_]+) = (\\d+)").matcher(source(fileName));
        while (m.find()) {
            codes.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        return codes;
    }

    /** The value of {@code #define NAME value} in a source file. */
    static int define(String fileName, String name) {
        Matcher m = Pattern.compile("#define " + name + " (\\d+)").matcher(source(fileName));
        if (!m.find()) {
            throw new AssertionError(fileName + " has no #define " + name);
        }
        return Integer.parseInt(m.group(1));
    }

    /** The names of the {@code .entry} (kernel) declarations of a PTX text. */
    static List<String> entries(String ptx) {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("\\.entry\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*\\(").matcher(ptx);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
