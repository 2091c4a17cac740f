package org.advmusic.nn.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Backends;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.ForwardResult;
import org.advmusic.nn.Model;
import org.junit.jupiter.api.Test;

/** Parameter counts, PyTorch state-dict names and input checks of the seed models. */
class ModelStructureTest {
    private final Backend backend = Backends.reference();

    private static long conv(int kernel, int in, int out, boolean bias) {
        return (long) kernel * kernel * in * out + (bias ? out : 0);
    }

    private static long batchNorm(int channels) {
        return 2L * channels; // scale and shift; running statistics are buffers
    }

    private static long dense(int in, int out) {
        return (long) in * out + out;
    }

    @Test
    void fullWidthGenreCnnHas1310314ParametersLikeThePyTorchNetwork() {
        long expected = 0;
        int in = 1;
        for (int width : new int[] {32, 64, 128, 256}) {
            expected += conv(3, in, width, true) + batchNorm(width) + conv(3, width, width, true) + batchNorm(width);
            in = width;
        }
        expected += dense(256, 512) + dense(512, 10);

        GenreCnn model = new GenreCnn(Shape.of(1, 128, 130), 10, 1.0, backend, 0);

        assertEquals(1_310_314, expected);
        assertEquals(expected, model.parameterCount());
    }

    @Test
    void widthMultipliersGiveTheSmallProfiles() {
        assertEquals(List.of(8, 16, 32, 64), widths(0.25));
        assertEquals(List.of(16, 32, 64, 128), widths(0.5));
        GenreCnn quarter = new GenreCnn(Shape.of(1, 32, 16), 10, 0.25, backend, 0);
        assertEquals(8, quarter.stateDict().get("features.0.conv1.weight").dim(0));
        assertEquals(64, quarter.stateDict().get("classifier.0.weight").dim(1));
    }

    private static List<Integer> widths(double multiplier) {
        List<Integer> out = new ArrayList<>();
        for (int w : GenreCnn.Options.withWidth(multiplier).widths()) {
            out.add(w);
        }
        return out;
    }

    @Test
    void resNet18WithOneChannelAndTenClassesHas11175370Parameters() {
        long expected = conv(7, 1, 64, false) + batchNorm(64);
        int in = 64;
        for (int width : new int[] {64, 128, 256, 512}) {
            boolean downsample = width != in;
            expected += conv(3, in, width, false) + batchNorm(width) + conv(3, width, width, false) + batchNorm(width)
                    + (downsample ? conv(1, in, width, false) + batchNorm(width) : 0);
            expected += conv(3, width, width, false) + batchNorm(width) + conv(3, width, width, false) + batchNorm(width);
            in = width;
        }
        expected += dense(512, 10);

        ResNet18 model = new ResNet18(Shape.of(1, 128, 130), 10, backend, 0);

        assertEquals(11_175_370, expected, "torchvision resnet18 (11,689,512) with 1 input channel and 10 classes");
        assertEquals(expected, model.parameterCount());
    }

    @Test
    void genreCnnStateDictNamesFollowThePyTorchModuleTree() {
        List<String> expected = new ArrayList<>();
        for (int block = 0; block < 4; block++) {
            for (int layer = 1; layer <= 2; layer++) {
                String p = "features." + block + ".";
                expected.addAll(List.of(p + "conv" + layer + ".weight", p + "conv" + layer + ".bias",
                        p + "bn" + layer + ".weight", p + "bn" + layer + ".bias", p + "bn" + layer + ".running_mean",
                        p + "bn" + layer + ".running_var", p + "bn" + layer + ".num_batches_tracked"));
            }
        }
        expected.addAll(List.of("classifier.0.weight", "classifier.0.bias", "classifier.3.weight", "classifier.3.bias"));

        GenreCnn model = new GenreCnn(Shape.of(1, 32, 16), 10, 0.25, backend, 0);

        assertEquals(expected, List.copyOf(model.stateDict().keySet()));
    }

    @Test
    void resNet18StateDictHasTorchvisionNames() {
        ResNet18 model = new ResNet18(Shape.of(1, 32, 32), 10, backend, 0);
        List<String> names = List.copyOf(model.stateDict().keySet());
        assertEquals(122, names.size(), "torchvision resnet18's state dict has 122 entries");
        assertEquals(List.of("conv1.weight", "bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var",
                "bn1.num_batches_tracked", "layer1.0.conv1.weight"), names.subList(0, 7));
        assertTrue(names.containsAll(List.of("layer2.0.downsample.0.weight", "layer2.0.downsample.1.running_var",
                "layer4.1.bn2.num_batches_tracked", "fc.weight", "fc.bias")));
        assertEquals(Shape.of(64, 1, 7, 7), model.stateDict().get("conv1.weight").shape());
    }

    @Test
    void modelsProduceLogitsAndExposeTheGradCamLayers() {
        Tensor spectrograms = Tensor.uniform(backend, 1, Shape.of(2, 1, 32, 32), 0, 1);
        ResNet18 resnet = new ResNet18(Shape.of(1, 32, 32), 10, backend, 0);
        resnet.eval();
        ForwardResult result = resnet.forward(spectrograms, Set.of("layer4"));
        assertEquals(Shape.of(2, 10), result.output().shape());
        assertEquals(Shape.of(2, 512, 1, 1), result.activation("layer4").shape());

        GenreCnn cnn = new GenreCnn(Shape.of(1, 32, 32), 10, 0.25, backend, 0);
        cnn.eval();
        assertEquals(Shape.of(2, 64, 4, 4), cnn.forward(spectrograms, Set.of("features.3.relu2"))
                .activation("features.3.relu2").shape());
    }

    @Test
    void wrongInputShapeNamesTheExpectedAndTheActualShape() {
        Model model = new GenreCnn(Shape.of(1, 128, 130), 10, 0.25, backend, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.logits(Tensor.zeros(backend, Shape.of(2, 1, 128, 129))));
        assertEquals("GenreCnn: input has shape (2, 1, 128, 129), expected (N, 1, 128, 130)", e.getMessage());

        Model mlp = new Mlp(Shape.of(57), 10, new Mlp.Options(List.of(8), 0, false), backend, 0);
        e = assertThrows(IllegalArgumentException.class, () -> mlp.logits(Tensor.zeros(backend, Shape.of(57))));
        assertEquals("Mlp: input has shape (57,), expected (N, 57)", e.getMessage());
    }

    @Test
    void constructorsRejectImpossibleConfigurations() {
        assertThrows(IllegalArgumentException.class, () -> new GenreCnn(Shape.of(1, 8, 130), 10, 1.0, backend, 0));
        assertThrows(IllegalArgumentException.class, () -> new GenreCnn(Shape.of(1, 32, 32), 1, 1.0, backend, 0));
        assertThrows(IllegalArgumentException.class, () -> GenreCnn.Options.withWidth(0.01));
        assertThrows(IllegalArgumentException.class, () -> new Mlp.Options(List.of(), 0, false));
    }
}
