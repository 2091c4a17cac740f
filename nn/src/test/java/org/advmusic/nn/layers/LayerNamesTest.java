package org.advmusic.nn.layers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Path dir = Path.of(member.getResource(member.getSimpleName() + ".class").toURI()).getParent();
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".class") && !f.contains("$") && !f.startsWith("package-info"))
                    .forEach(f -> names.add(f.substring(0, f.length() - 6).toLowerCase(java.util.Locale.ROOT)));
        }
        return names;
    }
}
