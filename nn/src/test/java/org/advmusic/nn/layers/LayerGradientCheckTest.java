package org.advmusic.nn.layers;

import static org.advmusic.engine.testing.TestTensors.awayFromZero;
import static org.advmusic.engine.testing.TestTensors.distinct;
import static org.advmusic.engine.testing.TestTensors.uniform;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.testing.GradCheck;
import org.advmusic.nn.Module;
import org.advmusic.nn.ModuleGradCheck;
import org.advmusic.nn.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Central-difference gradient check of every layer, on the reference backend, in both modes where they differ. */
class LayerGradientCheckTest {

    /** A layer, whether to run it in training mode, and an input builder. */
    record LayerCase(String name, Supplier<Module> layer, boolean training, Supplier<Tensor> input) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Backend r() {
        return GradCheck.reference();
    }

    private static LayerCase c(String name, Supplier<Module> layer, boolean training, Supplier<Tensor> input) {
        return new LayerCase(name, layer, training, input);
    }

    static List<LayerCase> cases() {
        return List.of(
            c("linear", () -> new Linear(r(), 5, 3, 1), true, () -> uniform(r(), 1, -1, 1, 4, 5)),
            c("linear without bias", () -> new Linear(r(), 4, 2, false, 2), true, () -> uniform(r(), 2, -1, 1, 3, 4)),
            c("conv2d 3x3 padding 1", () -> new Conv2d(r(), 2, 3, 3, 1, 1, true, 3), true,
                    () -> uniform(r(), 3, -1, 1, 2, 2, 5, 4)),
            c("conv2d stride 2 without bias", () -> new Conv2d(r(), 2, 2, 3, 2, 0, false, 4), true,
                    () -> uniform(r(), 4, -1, 1, 2, 2, 7, 6)),
            c("batch norm 1d training", () -> new BatchNorm1d(r(), 3), true, () -> uniform(r(), 5, -1, 2, 6, 3)),
            c("batch norm 1d sequences training", () -> new BatchNorm1d(r(), 2), true, () -> uniform(r(), 6, -1, 2, 3, 2, 4)),
            c("batch norm 1d evaluation", () -> new BatchNorm1d(r(), 3), false, () -> uniform(r(), 7, -1, 2, 4, 3)),
            c("batch norm 2d training", () -> new BatchNorm2d(r(), 2), true, () -> uniform(r(), 8, -1, 2, 3, 2, 3, 3)),
            c("batch norm 2d evaluation", () -> new BatchNorm2d(r(), 2), false, () -> uniform(r(), 9, -1, 2, 2, 2, 3, 2)),
            c("max pool 2x2", () -> new MaxPool2d(2), true, () -> distinct(r(), 10, 0.01, 2, 2, 4, 6)),
            c("max pool 3x3 stride 2 padding 1", () -> new MaxPool2d(3, 2, 1), true, () -> distinct(r(), 11, 0.01, 1, 2, 5, 5)),
            c("avg pool 2x2", () -> new AvgPool2d(2), true, () -> uniform(r(), 12, -1, 1, 2, 2, 4, 4)),
            c("avg pool 3x3 stride 1 padding 1", () -> new AvgPool2d(3, 1, 1), true, () -> uniform(r(), 13, -1, 1, 1, 2, 4, 3)),
            c("global average pool", GlobalAvgPool::new, true, () -> uniform(r(), 14, -1, 1, 2, 3, 3, 4)),
            c("dropout training", () -> new Dropout(0.4, 15), true, () -> uniform(r(), 15, -1, 1, 4, 5)),
            c("dropout evaluation", () -> new Dropout(0.4, 16), false, () -> uniform(r(), 16, -1, 1, 4, 5)),
            c("relu", ReLU::new, true, () -> awayFromZero(r(), 17, 0.1, 3, 4)),
            c("flatten", Flatten::new, true, () -> uniform(r(), 18, -1, 1, 2, 3, 2, 2)),
            c("sequential", () -> new Sequential(new Linear(r(), 4, 6, false, 19), new BatchNorm1d(r(), 6), new ReLU(),
                    new Linear(r(), 6, 3, 20)), true, () -> uniform(r(), 19, -1, 1, 5, 4)));
    }

    static Stream<LayerCase> caseStream() {
        return cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseStream")
    void analyticGradientsMatchCentralDifferences(LayerCase c) {
        Module layer = c.layer().get();
        layer.train(c.training());
        double worst = ModuleGradCheck.check(c.name(), layer, c.input().get());
        assertTrue(worst <= GradCheck.TOLERANCE);
    }

    @Test
    void everyLayerClassHasAGradientCheckCase() throws Exception {
        Set<String> covered = new TreeSet<>();
        for (LayerCase c : cases()) {
            c.layer().get().namedModules().values().forEach(m -> covered.add(m.getClass().getName()));
        }
        Set<String> missing = concreteModuleClasses();
        missing.add(Sequential.class.getName());
        missing.removeAll(covered);
        assertTrue(missing.isEmpty(), "layers without a gradient-check case: " + missing);
    }

    /** Every concrete Module subclass compiled into the layers package. */
    private static Set<String> concreteModuleClasses() throws Exception {
        Path dir = Path.of(Linear.class.getResource("Linear.class").toURI()).getParent();
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.endsWith(".class") && !name.contains("$")) {
                    Class<?> type = Class.forName(Linear.class.getPackageName() + "." + name.replace(".class", ""));
                    if (Module.class.isAssignableFrom(type) && !Modifier.isAbstract(type.getModifiers())) {
                        names.add(type.getName());
                    }
                }
            }
        }
        return names;
    }
}
