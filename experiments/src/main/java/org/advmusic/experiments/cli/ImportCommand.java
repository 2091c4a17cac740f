package org.advmusic.experiments.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.advmusic.engine.Shape;
import org.advmusic.experiments.config.ExperimentConfig;
import org.advmusic.experiments.pipeline.PreparedData;
import org.advmusic.experiments.pipeline.RunDirectory;
import org.advmusic.experiments.pipeline.TrainingStage;
import org.advmusic.nn.checkpoint.Checkpoint;
import org.advmusic.nn.interop.TorchImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Bring your own model: a PyTorch state dict becomes the run's baseline checkpoint. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import a model trained elsewhere (a PyTorch state dict) as the run's baseline.",
            "A GenreCnn, ResNet18 or Mlp state dict in PyTorch's names (as torch.save(model.state_dict()) gives them),",
            "saved as safetensors, becomes the run's baseline checkpoint, so that attack, defend and gradcam run on it.",
            "The input shape, class names and preprocessing are declared with --input-shape, --classes and",
            "--preprocessing, or taken from the config's data; the weights must fit the declared input and the declared",
            "input the data. The hyperparameters are read off the tensor shapes.",
            "With a study config (study.models), --model names the study's model whose baseline the weights become."})
final class ImportCommand implements Callable<Integer> {
    @Mixin
    RunOptions options;

    @Option(names = "--weights", required = true, paramLabel = "FILE", description = "the state dict (.safetensors)")
    Path weights;

    @Option(names = "--architecture", paramLabel = "NAME",
            description = "GenreCnn, ResNet18 or Mlp (default: model.architecture of the config)")
    String architecture;

    @Option(names = "--input-shape", paramLabel = "DIMS", split = ",",
            description = "the shape of one input the model takes: C,H,W for spectrograms (e.g. 1,128,130), F for"
                    + " features (e.g. 57) (default: the shape of the config's data)")
    int[] inputShape;

    @Option(names = "--classes", paramLabel = "NAMES", split = ",",
            description = "the class names in the order of the model's logits (default: the data's classes); they must"
                    + " be the data's classes in the data's order")
    List<String> classes;

    @Option(names = "--preprocessing", paramLabel = "NAME",
            description = "how the model's spectrogram inputs were made: fixed-db, standardize or segment-minmax (overrides"
                    + " data.preprocessing; the data are prepared the same way)")
    String preprocessing;

    @Option(names = "--model", paramLabel = "NAME", description = "with a study config: the study's model to import into")
    String model;

    @Override
    public Integer call() {
        Shape declaredShape = declaredShape();
        if (preprocessing != null) {
            options.overrides.add("data.preprocessing=" + preprocessing);
        }
        return options.execute(null, "import", c -> {
            if (c.config().study() == null) {
                if (model != null) {
                    throw new IllegalArgumentException("--model " + model + " names a model of a study, but config '"
                            + c.config().name() + "' is not a study (no study.models)");
                }
                importInto(c, Pipeline.data(c), declaredShape);
                System.out.printf("report: %s%n", Pipeline.report(c));
                return;
            }
            List<String> models = c.config().study().models().stream().map(ExperimentConfig.StudyModel::name).toList();
            if (model == null || !models.contains(model)) {
                throw new IllegalArgumentException("config '" + c.config().name() + "' is a study of models " + models
                        + "; " + (model == null ? "name" : "--model " + model + " is none of them: name")
                        + " the one whose baseline the weights become with --model NAME");
            }
            Path report = StudyRunner.run(c, options.resolve(null), List.of(model), (m, data) -> importInto(m, data, declaredShape));
            System.out.printf("report: %s%n", report);
        });
    }

    /** The --input-shape as a shape, or null when not given. */
    private Shape declaredShape() {
        if (inputShape == null) {
            return null;
        }
        if ((inputShape.length != 1 && inputShape.length != 3) || Arrays.stream(inputShape).anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException("--input-shape " + Arrays.toString(inputShape).replaceAll("[\\[\\] ]", "")
                    + ": expected C,H,W of a spectrogram (e.g. 1,128,130) or F features (e.g. 57), every size at least 1");
        }
        return Shape.of(inputShape);
    }

    /**
     * Loads the weights for the declared input, checks the declaration against the data, then saves
     * the run's baseline and measures it; nothing is written when a check fails.
     */
    private void importInto(RunOptions.Context c, PreparedData data, Shape declaredShape) {
        String name = architecture != null ? architecture : c.config().model().architecture();
        Shape shape = declaredShape != null ? declaredShape : data.inputShape();
        List<String> classNames = classes != null ? classes : data.classes();
        TorchImport.Request request = new TorchImport.Request(weights, name, Map.of(), shape, classNames, data.normalization());
        Path folder = c.run().root().resolve("checkpoints").resolve(RunDirectory.BASELINE);
        try {
            Checkpoint.Loaded loaded = TorchImport.load(request, c.backend()); // the weights fit the declared input
            if (!shape.equals(data.inputShape())) {
                throw new IllegalArgumentException("import: --input-shape " + shape + " fits " + weights + ", but the data of"
                        + " config '" + c.config().name() + "' (" + data.source() + ") give inputs " + data.inputShape()
                        + "; prepare data of that shape (data.* fields) or declare the data's shape");
            }
            if (!classNames.equals(data.classes())) {
                throw new IllegalArgumentException("import: --classes " + classNames + " are not the classes of the data of"
                        + " config '" + c.config().name() + "', " + data.classes() + " in this order; the logits of the model"
                        + " must follow the data's classes");
            }
            Checkpoint.save(c.run().checkpoint(RunDirectory.BASELINE), loaded.model(), loaded.spec(),
                    Map.of("imported_from", weights.toString()));
        } catch (IOException e) {
            throw new IllegalArgumentException("import: " + e.getMessage(), e);
        }
        TrainingStage.Trained baseline = Baseline.load(c.run(), folder, c.backend(), data, c.config().attacks().batchSize());
        System.out.printf("imported %s as the baseline %s (weights %s): clean accuracy %.3f%n", weights,
                folder.resolve(Checkpoint.WEIGHTS_FILE), baseline.checkpoint(), baseline.metrics().clean().clipAccuracy());
    }
}
