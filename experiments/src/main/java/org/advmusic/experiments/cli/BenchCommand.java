package org.advmusic.experiments.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.advmusic.attacks.Norm;
import org.advmusic.attacks.Pgd;
import org.advmusic.attacks.ThreatModel;
import org.advmusic.engine.Backend;
import org.advmusic.engine.DeviceBuffer;
import org.advmusic.engine.MemoryScope;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.losses.CrossEntropyLoss;
import org.advmusic.nn.models.GenreCnn;
import org.advmusic.nn.optim.Adam;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Quick throughput figures on one device (the JMH benchmarks of the bench module are the careful
 * versions): GEMM GFLOP/s, GenreCnn forward and training-step samples per second, PGD-10 samples per
 * second, and optionally the wall time of the whole demo.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Quick throughput figures: GEMM, GenreCnn forward and train step, PGD-10; --demo times the whole demo.")
final class BenchCommand implements Callable<Integer> {
    private static final List<int[]> GEMM_SHAPES = List.of(new int[] {1024, 1024, 1024}, new int[] {32, 288, 16640},
            new int[] {128, 1152, 1040}, new int[] {64, 16384, 512});

    @Option(names = "--device", description = "cpu, cuda, reference or auto (default: ADVMUSIC_DEVICE, else auto)")
    String device;

    @Option(names = "--threads", description = "CPU threads, 0 for all cores (default: ADVMUSIC_THREADS, else all cores)")
    Integer threads;

    @Option(names = "--width", defaultValue = "1.0", description = "GenreCnn width multiplier (default: ${DEFAULT-VALUE})")
    double width;

    @Option(names = "--batch", defaultValue = "64", description = "batch size (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--repeats", defaultValue = "3", description = "timed repetitions, median reported, after a warm-up of at least one run and one second (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--demo", description = "also run the demo into a temporary folder and print its wall time")
    boolean demo;

    @Override
    public Integer call() throws Exception {
        if (batch < 1 || repeats < 1 || !(width > 0)) {
            throw new IllegalArgumentException("bench: batch " + batch + ", repeats " + repeats + ", width " + width
                    + "; expected positive values");
        }
        Backend backend = BackendChoice.open(device, threads, "auto", 0);
        System.out.printf("bench on %s (%s), %d thread(s)%n", backend.name(), backend.dtype(),
                BackendChoice.threads(backend));
        for (int[] s : GEMM_SHAPES) {
            double seconds = time(() -> gemm(backend, s));
            System.out.printf("GEMM %dx%dx%d: %.1f GFLOP/s%n", s[0], s[1], s[2], 2.0 * s[0] * s[1] * s[2] / seconds / 1e9);
        }
        GenreCnn model = new GenreCnn(Shape.of(1, 128, 130), 10, width, backend, 1);
        Tensor x = Tensor.rand(backend, 2, Shape.of(batch, 1, 128, 130));
        int[] labels = new int[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = i % 10;
        }
        Adam adam = new Adam(model.namedParameters(), 1e-4);
        CrossEntropyLoss loss = new CrossEntropyLoss(0);
        model.eval();
        double forward = time(() -> {
            try (MemoryScope s = MemoryScope.open(); var ignored = org.advmusic.engine.Autograd.noGrad()) {
                model.forward(x).toFloatArray();
            }
        });
        model.train();
        double step = time(() -> {
            try (MemoryScope s = MemoryScope.open()) {
                loss.mean(model.forward(x), labels).backward();
                adam.step();
                adam.zeroGrad();
            }
        });
        model.eval();
        Pgd pgd = new Pgd(ThreatModel.untargeted(Norm.LINF, 0.01), Pgd.Settings.madry(10));
        double attack = time(() -> pgd.perturb(model, x, labels));
        System.out.printf("GenreCnn width %s, batch %d, 1x128x130: forward %.1f samples/s, train step %.1f samples/s,"
                + " PGD-10 %.2f samples/s%n", width, batch, batch / forward, batch / step, batch / attack);
        double inputOnly = time(() -> {
            try (MemoryScope s = MemoryScope.open()) {
                Tensor input = x.detach().requiresGrad(true);
                org.advmusic.engine.Autograd.grad(loss.mean(model.forward(input), labels), input);
            }
        });
        double full = time(() -> {
            try (MemoryScope s = MemoryScope.open()) {
                loss.mean(model.forward(x), labels).backward();
                adam.zeroGrad();
            }
        });
        System.out.printf("forward + input-gradient-only backward %.3f s, forward + full backward %.3f s: ratio %.2f%n",
                inputOnly, full, inputOnly / full);
        adversarialEpoch(backend, x, labels);
        if (demo) {
            Path folder = Files.createTempDirectory("advmusic-bench-demo");
            long start = System.nanoTime();
            int status = Commands.commandLine(new org.advmusic.experiments.Main()).execute("demo", "--device", backend.name(),
                    "--out", folder.resolve("run").toString());
            System.out.printf("demo: %.1f s (exit status %d, results in %s)%n", (System.nanoTime() - start) / 1e9, status, folder);
        }
        return 0;
    }

    /** One epoch of PGD-7 adversarial training against one clean epoch, same data, model and batch. */
    private void adversarialEpoch(Backend backend, Tensor x, int[] labels) {
        org.advmusic.nn.train.LabeledData data = new org.advmusic.nn.train.LabeledData(x, labels);
        double[] seconds = new double[2];
        for (int variant = 0; variant < 2; variant++) {
            boolean adversarial = variant == 1;
            seconds[variant] = time(() -> { // a fresh model and trainer for every timed epoch
                GenreCnn net = new GenreCnn(Shape.of(1, 128, 130), 10, width, backend, 3);
                org.advmusic.nn.train.Trainer trainer = new org.advmusic.nn.train.Trainer(net,
                        new Adam(net.namedParameters(), 1e-4), new org.advmusic.nn.train.TrainingOptions(1, Math.max(2, batch / 4), 1));
                if (adversarial) {
                    trainer.batchTransform(new org.advmusic.defenses.adversarial.AdversarialTraining(
                            org.advmusic.defenses.adversarial.AdversarialTrainingSpec.pgd(Norm.LINF, 0.01, 7, 1.0, 1),
                            org.advmusic.attacks.InputBox.UNIT));
                }
                trainer.fit(data);
            });
        }
        System.out.printf("one epoch on %d samples: clean %.2f s, PGD-7 adversarial %.2f s: ratio %.2f (target <= 8.2)%n",
                labels.length, seconds[0], seconds[1], seconds[1] / seconds[0]);
    }

    private static void gemm(Backend backend, int[] s) {
        DeviceBuffer a = backend.allocate(s[0] * s[1]);
        DeviceBuffer b = backend.allocate(s[1] * s[2]);
        DeviceBuffer c = backend.allocateUninitialized(s[0] * s[2]);
        backend.gemm(false, false, s[0], s[2], s[1], 1.0, a, b, 0.0, c);
        backend.synchronize();
        a.release();
        b.release();
        c.release();
    }

    /**
     * Median seconds per run over {@code repeats} runs, after warming up the JIT with at least one run
     * and at least one second of runs (at most 20): a short kernel is not compiled after one run, and the
     * median ignores the odd run slowed by other work on a shared machine.
     */
    private double time(Runnable work) {
        long warmUpEnd = System.nanoTime() + 1_000_000_000L;
        for (int i = 0; i < 1 || System.nanoTime() < warmUpEnd && i < 20; i++) {
            work.run();
        }
        double[] seconds = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            work.run();
            seconds[r] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        return repeats % 2 == 1 ? seconds[repeats / 2] : (seconds[repeats / 2 - 1] + seconds[repeats / 2]) / 2;
    }
}
