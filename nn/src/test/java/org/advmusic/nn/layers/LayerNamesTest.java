package org.advmusic.nn.layers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.advmusic.engine.ops.Add;
import org.junit.jupiter.api.Test;

/** A layer and an operation never share a class name (ignoring case), so neither needs a qualified name. */
class LayerNamesTest {

    @Test
    void noClassNameIsInBothEngineOpsAndNnLayers() throws Exception {
        Set<String> operations = classNames(Add.class);
        Set<String> layers = classNames(Conv2d.class);
        assertFalse(operations.isEmpty() || layers.isEmpty(), "no classes found");
        Set<String> shared = new TreeSet<>(operations);
        shared.retainAll(layers);
        assertTrue(shared.isEmpty(), "class names in both engine.ops and nn.layers: " + shared);
    }

    /** The lower-cased simple names of the top-level classes compiled into the package of {@code member}. */
    private static Set<String> classNames(Class<?> member) throws IOException, URISyntaxException {
        URI uri = member.getResource(member.getSimpleName() + ".class").toURI();
        if (uri.getScheme().equals("jar")) { // the other module as a packaged jar (a full build's later phases)
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                return classNames(jar.provider().getPath(uri).getParent());
            }
        }
        return classNames(Path.of(uri).getParent());
    }

    private static Set<String> classNames(Path dir) throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".class") && !f.contains("$") && !f.startsWith("package-info"))
                    .forEach(f -> names.add(f.substring(0, f.length() - 6).toLowerCase(Locale.ROOT)));
        }
        return names;
    }
}
