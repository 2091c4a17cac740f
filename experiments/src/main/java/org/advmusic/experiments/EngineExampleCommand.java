package org.advmusic.experiments;

import java.util.concurrent.Callable;
import org.advmusic.engine.Backend;
import org.advmusic.engine.InPlace;
import org.advmusic.engine.MemoryScope;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.ops.Affine;
import org.advmusic.engine.ops.SoftmaxCrossEntropy;
import org.advmusic.experiments.cli.BackendChoice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A small end-to-end use of the engine alone: a two-hidden-layer MLP trained by plain gradient
 * descent on generated interleaved spirals, printing loss and accuracy as it learns.
 */
@Command(name = "engine-example", mixinStandardHelpOptions = true,
        description = "Train a small MLP on generated spirals with the engine's operations and autograd only.")
final class EngineExampleCommand implements Callable<Integer> {

    @Option(names = "--device", description = "cpu, cuda, reference or auto (default: ADVMUSIC_DEVICE, else auto)")
    String device;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the data and the initial weights (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--epochs", defaultValue = "600", description = "full-batch gradient steps (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--hidden", defaultValue = "64", description = "hidden units per layer (default: ${DEFAULT-VALUE})")
    int hidden;

    @Option(names = "--classes", defaultValue = "3", description = "number of spiral arms (default: ${DEFAULT-VALUE})")
    int classes;

    @Option(names = "--samples", defaultValue = "600", description = "points in total (default: ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--learning-rate", defaultValue = "0.5", description = "gradient step size (default: ${DEFAULT-VALUE})")
    double learningRate;

    @Override
    public Integer call() {
        if (epochs < 1 || hidden < 1 || classes < 2 || samples < classes || !(learningRate > 0)) {
            throw new IllegalArgumentException("engine-example: need epochs >= 1, hidden >= 1, classes >= 2, samples >= classes "
                    + "and a positive learning rate; got epochs " + epochs + ", hidden " + hidden + ", classes " + classes
                    + ", samples " + samples + ", learning rate " + learningRate);
        }
        Backend backend = BackendChoice.open(device, null, "auto", 0);
        Spirals data = Spirals.generate(samples, classes, seed);
        Tensor x = Tensor.fromArray(backend, data.points(), samples, 2);
        Tensor[] parameters = {
            initialWeight(backend, seed + 1, hidden, 2), Tensor.zeros(backend, Shape.of(hidden)),
            initialWeight(backend, seed + 2, hidden, hidden), Tensor.zeros(backend, Shape.of(hidden)),
            initialWeight(backend, seed + 3, classes, hidden), Tensor.zeros(backend, Shape.of(classes))};
        for (Tensor p : parameters) {
            p.requiresGrad(true);
        }
        System.out.printf("engine-example: %d points in %d spirals, MLP 2-%d-%d-%d, %s backend (%s)%n",
                samples, classes, hidden, hidden, classes, backend.name(), backend.dtype());
        long start = System.nanoTime();
        double accuracy = 0;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            try (MemoryScope step = MemoryScope.open()) {
                Tensor h1 = Affine.apply(x, parameters[0], parameters[1]).relu();
                Tensor h2 = Affine.apply(h1, parameters[2], parameters[3]).relu();
                Tensor logits = Affine.apply(h2, parameters[4], parameters[5]); // (N, classes)
                Tensor loss = SoftmaxCrossEntropy.mean(logits, data.labels());
                loss.backward();
                for (Tensor p : parameters) {
                    InPlace.sub(p, p.grad().mul(learningRate)); // plain gradient descent
                    p.zeroGrad();
                }
                accuracy = accuracy(logits.argmaxLastAxis(), data.labels());
                if (epoch == 1 || epoch % 100 == 0 || epoch == epochs) {
                    System.out.printf("epoch %4d  loss %.4f  training accuracy %.1f%%%n", epoch, loss.item(), 100 * accuracy);
                }
            }
        }
        System.out.printf("done in %.2f s: training accuracy %.1f%% (chance %.1f%%)%n",
                (System.nanoTime() - start) / 1e9, 100 * accuracy, 100.0 / classes);
        return 0;
    }

    /** Uniform in {@code +-1/sqrt(fan_in)} (PyTorch's default for linear layers), seeded. */
    private static Tensor initialWeight(Backend backend, long seed, int out, int in) {
        double bound = 1 / Math.sqrt(in);
        return Tensor.uniform(backend, seed, Shape.of(out, in), -bound, bound);
    }

    private static double accuracy(int[] predicted, int[] labels) {
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += predicted[i] == labels[i] ? 1 : 0;
        }
        return (double) correct / labels.length;
    }

    /** Interleaved spiral arms with a little noise: a classic problem that a linear model cannot solve. */
    record Spirals(double[] points, int[] labels) {
        static Spirals generate(int samples, int classes, long seed) {
            java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
            double[] points = new double[2 * samples];
            int[] labels = new int[samples];
            for (int i = 0; i < samples; i++) {
                int arm = i % classes;
                double t = random.nextDouble(); // position along the arm
                double angle = arm * 2 * Math.PI / classes + 1.75 * Math.PI * t + random.nextGaussian() * 0.15;
                points[2 * i] = t * Math.cos(angle);
                points[2 * i + 1] = t * Math.sin(angle);
                labels[i] = arm;
            }
            return new Spirals(points, labels);
        }
    }
}
