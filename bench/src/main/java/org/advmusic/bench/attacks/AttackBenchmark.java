package org.advmusic.bench.attacks;

import java.util.concurrent.TimeUnit;
import org.advmusic.attacks.Fgsm;
import org.advmusic.attacks.Fmn;
import org.advmusic.attacks.Norm;
import org.advmusic.attacks.Pgd;
import org.advmusic.attacks.ThreatModel;
import org.advmusic.engine.Autograd;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Backends;
import org.advmusic.engine.MemoryScope;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.losses.CrossEntropyLoss;
import org.advmusic.nn.models.GenreCnn;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The attack loops on the seed GenreCnn (evaluation mode) at batch 64, 1x128x130, in milliseconds per
 * batch: one FGSM step, one PGD iteration, one FMN iteration (the attack with one step, so it also
 * pays its clean and final forward passes), PGD-10 end to end, and the backward pass an attack needs
 * (input gradient only) against a full backward into every parameter. Run:
 * {@code java --add-modules jdk.incubator.vector -jar bench/target/benchmarks.jar AttackBenchmark -p backend=cpu}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class AttackBenchmark {
    private static final double EPSILON = 0.01;

    /** The backend's name: cpu, cuda, reference or auto. */
    @Param("cpu")
    public String backend;

    /** Samples per batch. */
    @Param("64")
    public int batchSize;

    /** GenreCnn width multiplier (1 is the seed network). */
    @Param("1.0")
    public double widthMultiplier;

    private GenreCnn model;
    private Tensor batch;
    private int[] labels;
    private final CrossEntropyLoss loss = new CrossEntropyLoss();
    private Fgsm fgsm;
    private Pgd pgdIteration;
    private Pgd pgd10;
    private Fmn fmnIteration;

    /** Builds the model, the batch and the attacks on the chosen backend. */
    @Setup
    public void setUp() {
        Backend b;
        try {
            b = Backends.get(backend);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IllegalStateException("backend '" + backend + "' is not available, nothing to measure: " + e.getMessage(), e);
        }
        model = new GenreCnn(Shape.of(1, 128, 130), 10, widthMultiplier, b, 1);
        model.eval();
        try (MemoryScope ignored = MemoryScope.persistent()) {
            batch = Tensor.rand(b, 2, Shape.of(batchSize, 1, 128, 130));
        }
        labels = new int[batchSize];
        for (int i = 0; i < batchSize; i++) {
            labels[i] = i % 10;
        }
        ThreatModel tm = ThreatModel.untargeted(Norm.LINF, EPSILON);
        fgsm = new Fgsm(tm);
        pgdIteration = new Pgd(tm, Pgd.Settings.madry(1).withStepPerEpsilon(0.25).withoutRandomStart());
        pgd10 = new Pgd(tm, Pgd.Settings.madry(10));
        fmnIteration = new Fmn(tm.withEpsilon(Double.POSITIVE_INFINITY), Fmn.Settings.standard(1));
    }

    /** One FGSM step (forward, input-gradient backward, sign step). */
    @Benchmark
    public double fgsmStep() {
        return firstElement(fgsm.perturb(model, batch, labels));
    }

    /** One PGD iteration (gradient, step, projection). */
    @Benchmark
    public double pgdIteration() {
        return firstElement(pgdIteration.perturb(model, batch, labels));
    }

    /** PGD-10 end to end (random start, ten iterations); samples per second = batch * 1000 / score. */
    @Benchmark
    public double pgd10() {
        return firstElement(pgd10.perturb(model, batch, labels));
    }

    /** FMN with one iteration, including its clean and final forward passes. */
    @Benchmark
    public double fmnIteration() {
        try (MemoryScope ignored = MemoryScope.open()) {
            return fmnIteration.run(model, batch, labels).l2()[0];
        }
    }

    /** Forward and the input gradient only (what attacks need). */
    @Benchmark
    public double inputGradientBackward() {
        try (MemoryScope ignored = MemoryScope.open()) {
            Tensor input = batch.detach().requiresGrad(true);
            return Autograd.grad(loss.mean(model.forward(input), labels), input)[0].get(0, 0, 0, 0);
        }
    }

    /** Forward and a full backward into every parameter (what training needs). */
    @Benchmark
    public double fullBackward() {
        try (MemoryScope ignored = MemoryScope.open()) {
            Tensor value = loss.mean(model.forward(batch), labels);
            value.backward();
            model.parameters().forEach(p -> p.value().zeroGrad());
            return value.item();
        }
    }

    /** Reads one element (so the work cannot be optimised away) and frees the attacked batch. */
    private static double firstElement(Tensor t) {
        double v = t.get(0, 0, 0, 0);
        t.release();
        return v;
    }
}
