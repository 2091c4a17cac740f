package org.advmusic.experiments.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.advmusic.attacks.InputBox;
import org.advmusic.attacks.Norm;
import org.advmusic.attacks.Pgd;
import org.advmusic.attacks.Targeting;
import org.advmusic.attacks.ThreatModel;
import org.advmusic.audio.waveform.AudioBudget;
import org.advmusic.audio.waveform.WaveformFrontEnd;
import org.advmusic.defenses.adversarial.AdversarialTraining;
import org.advmusic.defenses.adversarial.AdversarialTrainingSpec;
import org.advmusic.engine.Autograd;
import org.advmusic.engine.Backend;
import org.advmusic.engine.DeviceBuffer;
import org.advmusic.engine.MemoryScope;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.backend.cpu.ControlLoops;
import org.advmusic.nn.WaveformClassifier;
import org.advmusic.nn.losses.CrossEntropyLoss;
import org.advmusic.nn.models.GenreCnn;
import org.advmusic.nn.optim.Adam;
import org.advmusic.nn.train.LabeledData;
import org.advmusic.nn.train.Trainer;
import org.advmusic.nn.train.TrainingOptions;

/**
 * The figures of one JVM, those of the chosen {@link FigureGroup}s: GEMM GFLOP/s on the seed network's
 * shapes; GenreCnn (1x128x130 input) forward, training step (forward, cross-entropy, backward, Adam, in
 * training mode), forward + full backward and forward + input-gradient-only backward (both in evaluation
 * mode, as an attack runs), PGD-10 on spectrograms, and on 3 s waveforms through the differentiable front
 * end, timed in alternation, and the front end alone; one epoch of clean and of PGD-7 adversarial
 * training; and the ratios the issues set targets for. Each figure is
 * the median of {@code repeats} timed runs after a warm-up that lasts until the runs stop getting faster
 * (the JIT compiles the vector kernels only after many seconds, and meanwhile runs them in the Vector API's
 * slow Java fallback: a fixed short warm-up measured the compiler, not the code) and, after it, a wait for the
 * JIT compilers to fall quiet (on two cores a background compile takes a core from the benchmark's threads, and
 * made the first control reading of a fork about half the others); the control loops are measured before the
 * first timed run and after each one, so that each run is judged by the machine right around it (on this VM
 * the memory bandwidth moves by a third within minutes), and what the JIT and the garbage
 * collector did meanwhile is recorded. The training step and forward + full backward are timed in
 * alternation, as are the clean and adversarial epochs, so that each ratio compares runs made under the
 * same conditions.
 */
public final class BenchRun {
    private static final List<int[]> GEMM_SHAPES = List.of(new int[] {1024, 1024, 1024}, new int[] {32, 288, 16640},
            new int[] {128, 1152, 1040}, new int[] {64, 16384, 512});
    /** Seconds of each control loop per reading (four loops: about 0.6 s per reading). */
    private static final double CONTROL_SECONDS = 0.15;
    /** Longest wait for the JIT compilers to fall quiet before a figure's timed runs. */
    private static final double MAXIMUM_COMPILER_WAIT_SECONDS = 10;

    private final Backend backend;
    private final double width;
    private final int batch;
    private final int repeats;
    private final Set<FigureGroup> groups;
    private final ControlLoops controls;
    private final Consumer<Figure> report;
    private final List<Figure> figures = new ArrayList<>();

    /**
     * @param threads the threads the backend runs on (the control loops use as many)
     * @param groups  the figures to measure
     * @param report  called with each figure as soon as it is measured
     */
    public BenchRun(Backend backend, int threads, double width, int batch, int repeats, Set<FigureGroup> groups,
                    Consumer<Figure> report) {
        this.backend = backend;
        this.width = width;
        this.batch = batch;
        this.repeats = repeats;
        this.groups = groups;
        this.controls = new ControlLoops(threads);
        this.report = report;
        for (int i = 0; i < 3; i++) { // compiles the control loops before the first figure needs them
            control();
        }
    }

    /**
     * Measures the figures of the chosen groups, each ratio as soon as its figures are measured; returns them
     * in order.
     */
    public List<Figure> run() {
        if (groups.contains(FigureGroup.GEMM)) {
            for (int[] s : GEMM_SHAPES) {
                double flops = 2.0 * s[0] * s[1] * s[2];
                measure("GEMM " + s[0] + "x" + s[1] + "x" + s[2], "GFLOP/s", true, () -> gemm(s),
                        seconds -> flops / seconds / 1e9);
            }
        }
        GenreCnn model = new GenreCnn(Shape.of(1, 128, 130), 10, width, backend, 1);
        Tensor x = spectrograms();
        int[] labels = labels();
        Adam adam = new Adam(model.namedParameters(), 1e-4);
        CrossEntropyLoss loss = new CrossEntropyLoss(0);
        model.eval();
        if (groups.contains(FigureGroup.FORWARD)) {
            measure("forward", "samples/s", true, () -> {
                try (MemoryScope s = MemoryScope.open(); var noGrad = Autograd.noGrad()) {
                    model.forward(x).toFloatArray();
                }
            }, seconds -> batch / seconds);
        }
        Figure full = null;
        if (groups.contains(FigureGroup.STEP)) {
            Figure[] stepAndFull = measurePair("training step", "samples/s", true, () -> {
                model.train();
                try (MemoryScope s = MemoryScope.open()) {
                    loss.mean(model.forward(x), labels).backward();
                    adam.step();
                    adam.zeroGrad();
                }
            }, seconds -> batch / seconds, "forward + full backward, evaluation mode", "s", false, () -> {
                model.eval();
                try (MemoryScope s = MemoryScope.open()) {
                    loss.mean(model.forward(x), labels).backward();
                    adam.zeroGrad();
                }
            }, seconds -> seconds);
            full = stepAndFull[1];
            ratio("training step / (forward + full backward) [target <= 1.3]",
                    batch / stepAndFull[0].value() / full.value());
        }
        model.eval();
        if (groups.contains(FigureGroup.INPUT_GRADIENT)) {
            Figure inputOnly = measure("forward + input-gradient backward, evaluation mode", "s", false, () -> {
                try (MemoryScope s = MemoryScope.open()) {
                    Tensor input = x.detach().requiresGrad(true);
                    Autograd.grad(loss.mean(model.forward(input), labels), input);
                }
            }, seconds -> seconds);
            if (full != null) {
                ratio("input-gradient / full backward", inputOnly.value() / full.value());
            }
        }
        if (groups.contains(FigureGroup.WAVEFORM)) {
            waveformComparison(model, x, labels); // PGD-10 on spectrograms included
        } else if (groups.contains(FigureGroup.PGD)) {
            Pgd pgd = new Pgd(ThreatModel.untargeted(Norm.LINF, 0.01), Pgd.Settings.madry(10));
            measure("PGD-10", "samples/s", true, () -> pgd.perturb(model, x, labels), seconds -> batch / seconds);
        }
        if (groups.contains(FigureGroup.EPOCHS)) {
            Figure[] epochs = measurePair("clean training epoch", "s", false, () -> epoch(x, labels, false),
                    seconds -> seconds, "PGD-7 adversarial training epoch", "s", false, () -> epoch(x, labels, true),
                    seconds -> seconds);
            ratio("PGD-7 epoch / clean epoch [target <= 4]", epochs[1].value() / epochs[0].value());
        }
        return figures;
    }

    /**
     * PGD-10 (Linf) on the spectrograms {@code x} and the same attack on 3 s waveforms through the
     * differentiable front end (STFT, mel, dB reference in the graph), timed in alternation, then the
     * front end's forward and backward alone; each ratio is printed as soon as its figures are measured.
     */
    private void waveformComparison(GenreCnn model, Tensor x, int[] labels) {
        Pgd pgd = new Pgd(ThreatModel.untargeted(Norm.LINF, 0.01), Pgd.Settings.madry(10));
        WaveformFrontEnd frontEnd = WaveformFrontEnd.defaults();
        WaveformClassifier onWaveforms = new WaveformClassifier(frontEnd::modelInputs, model);
        Tensor waveforms;
        try (MemoryScope ignored = MemoryScope.persistent()) {
            waveforms = Tensor.uniform(backend, 4, Shape.of(batch, frontEnd.segments().segmentSamples()), -0.5, 0.5);
        }
        Pgd waveformPgd = new Pgd(new ThreatModel(Norm.LINF, AudioBudget.amplitudeForPeakDbfs(-40), new InputBox(-1, 1),
                Targeting.untargeted()), Pgd.Settings.madry(10));
        Figure[] attacks = measurePair("PGD-10", "samples/s", true, () -> pgd.perturb(model, x, labels),
                seconds -> batch / seconds, "PGD-10 on 3 s waveforms", "samples/s", true,
                () -> waveformPgd.perturb(onWaveforms, waveforms, labels), seconds -> batch / seconds);
        ratio("waveform PGD step / spectrogram PGD step [target <= 1.25]", attacks[0].value() / attacks[1].value());
        Figure frontEndAlone = measure("front end forward + backward, 3 s waveforms", "s", false, () -> {
            try (MemoryScope s = MemoryScope.open()) {
                Tensor input = waveforms.detach().requiresGrad(true);
                Autograd.grad(frontEnd.modelInputs(input).sum(), input);
            }
        }, seconds -> seconds);
        // one PGD step: a tenth of PGD-10's time per batch
        ratio("front end / waveform PGD step [target <= 0.25]", frontEndAlone.value() / (batch / attacks[1].value() / 10));
    }

    /** A batch of random spectrograms {@code (batch, 1, 128, 130)} in [0, 1], kept beyond memory scopes. */
    private Tensor spectrograms() {
        try (MemoryScope ignored = MemoryScope.persistent()) {
            return Tensor.rand(backend, 2, Shape.of(batch, 1, 128, 130));
        }
    }

    /** Labels 0, 1, ..., 9, 0, 1, ... for the batch. */
    private int[] labels() {
        int[] labels = new int[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = i % 10;
        }
        return labels;
    }

    /** One epoch of training (a fresh model and trainer each time), adversarial with PGD-7 when asked. */
    private void epoch(Tensor x, int[] labels, boolean adversarial) {
        GenreCnn net = new GenreCnn(Shape.of(1, 128, 130), 10, width, backend, 3);
        Trainer trainer = new Trainer(net, new Adam(net.namedParameters(), 1e-4),
                new TrainingOptions(1, Math.max(2, batch / 4), 1));
        if (adversarial) {
            trainer.batchTransform(new AdversarialTraining(AdversarialTrainingSpec.pgd(Norm.LINF, 0.01, 7, 1.0, 1),
                    InputBox.UNIT));
        }
        trainer.fit(new LabeledData(x, labels));
    }

    private void gemm(int[] s) {
        DeviceBuffer a = backend.allocate(s[0] * s[1]);
        DeviceBuffer b = backend.allocate(s[1] * s[2]);
        DeviceBuffer c = backend.allocateUninitialized(s[0] * s[2]);
        backend.gemm(false, false, s[0], s[2], s[1], 1.0, a, b, 0.0, c);
        backend.synchronize();
        a.release();
        b.release();
        c.release();
    }

    /** Converts seconds per run into the figure's unit. */
    private interface Conversion {
        double of(double seconds);
    }

    private Figure measure(String name, String unit, boolean higherIsBetter, Runnable work, Conversion conversion) {
        Timed timed = timeInAlternation(work);
        return record(timed.figure(0, name, unit, higherIsBetter, conversion));
    }

    /** Two figures timed in alternation (a, b, a, b, ...), each the median of its runs, with shared controls. */
    private Figure[] measurePair(String nameA, String unitA, boolean higherA, Runnable a, Conversion conversionA,
                                 String nameB, String unitB, boolean higherB, Runnable b, Conversion conversionB) {
        Timed timed = timeInAlternation(a, b);
        return new Figure[] {record(timed.figure(0, nameA, unitA, higherA, conversionA)),
                record(timed.figure(1, nameB, unitB, higherB, conversionB))};
    }

    /**
     * The seconds of each timed run of each work ({@code seconds[work][run]}), the control readings between the
     * runs ({@code repeats + 1}: before the first, after each) and the JVM's activity during them.
     */
    record Timed(double[][] seconds, List<Control> controls, JvmActivity during) {
        Figure figure(int work, String name, String unit, boolean higherIsBetter, Conversion conversion) {
            double[] runs = Arrays.stream(seconds[work]).map(conversion::of).toArray();
            return Figure.measured(name, unit, higherIsBetter, runs, controls, during);
        }
    }

    /**
     * Warms each work up ({@link #warmUp}), waits for the JIT compilers to fall quiet, then times {@code repeats}
     * runs of the works in alternation with a control reading before the first and after each
     * ({@link #interleave}).
     */
    private Timed timeInAlternation(Runnable... works) {
        for (Runnable work : works) {
            warmUp(work);
        }
        JvmActivity.awaitQuietCompiler(MAXIMUM_COMPILER_WAIT_SECONDS);
        JvmActivity start = JvmActivity.now();
        Timed timed = interleave(repeats, this::control, System::nanoTime, works);
        return new Timed(timed.seconds(), timed.controls(), JvmActivity.now().since(start));
    }

    /**
     * Times {@code repeats} rounds of the works (a, b, a, b, ...) on {@code clock} (nanoseconds), with a control
     * reading from {@code control} before the first round and after each: every run then has a reading of the
     * machine right before and right after it, and a machine that slows down in the middle of a figure is seen
     * (readings only before and after the whole figure missed it). The JVM's activity is not recorded (null).
     */
    static Timed interleave(int repeats, Supplier<Control> control, LongSupplier clock, Runnable... works) {
        List<Control> controls = new ArrayList<>();
        controls.add(control.get());
        double[][] seconds = new double[works.length][repeats];
        for (int r = 0; r < repeats; r++) {
            for (int w = 0; w < works.length; w++) {
                seconds[w][r] = secondsOf(works[w], clock);
            }
            controls.add(control.get());
        }
        return new Timed(seconds, controls, null);
    }

    private Figure record(Figure f) {
        figures.add(f);
        report.accept(f);
        return f;
    }

    private void ratio(String name, double value) {
        record(Figure.ratio(name, value));
    }

    private Control control() {
        return new Control(controls.fmaGflops(CONTROL_SECONDS), controls.memoryGigabytesPerSecond(CONTROL_SECONDS),
                controls.sharedCacheGigabytesPerSecond(CONTROL_SECONDS), controls.coreCacheGigabytesPerSecond(CONTROL_SECONDS));
    }

    /**
     * Runs {@code work} until it stops getting faster and the JIT stops compiling: at least three runs and two
     * seconds, then until a run is no more than 5% faster than the fastest before it and the JIT compilers
     * worked for at most 2% of it (at most 30 runs or two minutes). The JIT's C2 compiles of the vector kernels
     * arrive over many seconds (longer on a loaded machine), and a compile in the background takes one of the
     * two cores from the benchmark's threads.
     */
    static void warmUp(Runnable work) {
        warmUp(work, System::nanoTime, JvmActivity::compilerMillis);
    }

    /**
     * {@link #warmUp(Runnable)} timed by {@code clock} (nanoseconds) with the JIT's accumulated time from
     * {@code compilerMillis}, so that tests can run it on a simulated clock and compiler.
     */
    static void warmUp(Runnable work, LongSupplier clock, LongSupplier compilerMillis) {
        long start = clock.getAsLong();
        double fastest = Double.POSITIVE_INFINITY;
        for (int run = 0; run < 30 && clock.getAsLong() - start < 120_000_000_000L; run++) {
            long compiledBefore = compilerMillis.getAsLong();
            double seconds = secondsOf(work, clock);
            double compilerSeconds = (compilerMillis.getAsLong() - compiledBefore) / 1e3;
            boolean improving = seconds < 0.95 * fastest;
            boolean compiling = compilerSeconds > 0.02 * seconds;
            fastest = Math.min(fastest, seconds);
            if (run >= 2 && clock.getAsLong() - start > 2_000_000_000L && !improving && !compiling) {
                return;
            }
        }
    }

    private static double secondsOf(Runnable work, LongSupplier clock) {
        long start = clock.getAsLong();
        work.run();
        return (clock.getAsLong() - start) / 1e9;
    }

    /** The median of {@code values} (the mean of the middle two for an even count); sorts a copy. */
    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
