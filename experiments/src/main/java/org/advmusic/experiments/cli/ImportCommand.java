package org.advmusic.experiments.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
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
            "The input shape, class names and preprocessing are those of the config's data; the hyperparameters are",
            "read off the tensor shapes."})
final class ImportCommand implements Callable<Integer> {
    @Mixin
    RunOptions options;

    @Option(names = "--weights", required = true, paramLabel = "FILE", description = "the state dict (.safetensors)")
    Path weights;

    @Option(names = "--architecture", paramLabel = "NAME",
            description = "GenreCnn, ResNet18 or Mlp (default: model.architecture of the config)")
    String architecture;

    @Override
    public Integer call() {
        return options.execute(null, "import", c -> {
            PreparedData data = Pipeline.data(c);
            String name = architecture != null ? architecture : c.config().model().architecture();
            TorchImport.Request request = new TorchImport.Request(weights, name, Map.of(), data.inputShape(), data.classes(),
                    data.normalization());
            Path folder = c.run().checkpoint(RunDirectory.BASELINE);
            try {
                TorchImport.importInto(request, folder, c.backend());
            } catch (IOException e) {
                throw new IllegalArgumentException("import: " + e.getMessage(), e);
            }
            TrainingStage.Trained baseline = Baseline.load(c.run(), folder, c.backend(), data, c.config().attacks().batchSize());
            System.out.printf("imported %s as the baseline %s (weights %s): clean accuracy %.3f%n", weights,
                    folder.resolve(Checkpoint.WEIGHTS_FILE), baseline.checkpoint(), baseline.metrics().clean().clipAccuracy());
            System.out.printf("report: %s%n", Pipeline.report(c));
        });
    }
}
