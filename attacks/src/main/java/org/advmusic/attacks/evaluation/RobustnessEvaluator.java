package org.advmusic.attacks.evaluation;

import java.util.List;
import java.util.function.IntConsumer;
import org.advmusic.attacks.Attack;
import org.advmusic.attacks.AttackResult;
import org.advmusic.attacks.SampleStatus;
import org.advmusic.engine.MemoryScope;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.Classifier;

/**
 * Runs attacks over a data set in batches and aggregates per-sample outcomes into a
 * {@link RobustnessReport}. Each batch runs in its own {@link MemoryScope}; only the first batch's
 * full result (with its adversarial tensors, for figures) is kept.
 */
public final class RobustnessEvaluator {
    private final Classifier model;
    private final Tensor inputs;
    private final int[] labels;
    private final List<String> classNames;
    private final int batchSize;
    private final double decibelsPerUnit;

    /**
     * @param inputs          (N, ...) the data set, inside the attacks' box
     * @param labels          N true labels
     * @param classNames      one name per class
     * @param batchSize       samples per attack call (at least 1)
     * @param decibelsPerUnit dB per unit of input for reporting perturbations in dB, or NaN
     */
    public RobustnessEvaluator(Classifier model, Tensor inputs, int[] labels, List<String> classNames, int batchSize,
                               double decibelsPerUnit) {
        if (inputs.dim(0) != labels.length) {
            throw new IllegalArgumentException("evaluator: " + labels.length + " labels for " + inputs.dim(0) + " inputs");
        }
        if (labels.length == 0) {
            throw new IllegalArgumentException("evaluator: the data set is empty");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("evaluator: batch size is " + batchSize + ", expected >= 1");
        }
        this.model = model;
        this.inputs = inputs;
        this.labels = labels.clone();
        this.classNames = List.copyOf(classNames);
        this.batchSize = batchSize;
        this.decibelsPerUnit = decibelsPerUnit;
    }

    /** The model under evaluation. */
    public Classifier model() {
        return model;
    }

    /** The data set's inputs (N, ...). */
    public Tensor inputs() {
        return inputs;
    }

    /** The data set's labels (a copy). */
    public int[] labels() {
        return labels.clone();
    }

    /** Number of samples. */
    public int size() {
        return labels.length;
    }

    /** Fraction of samples the model classifies correctly, without any attack. */
    public double cleanAccuracy() {
        int correct = 0;
        for (int from = 0; from < labels.length; from += batchSize) {
            int count = Math.min(batchSize, labels.length - from);
            try (MemoryScope scope = MemoryScope.open(); var ignored = org.advmusic.engine.Autograd.noGrad()) {
                int[] predicted = model.logits(inputs.narrow(0, from, count)).argmaxLastAxis();
                for (int i = 0; i < count; i++) {
                    correct += predicted[i] == labels[from + i] ? 1 : 0;
                }
            }
        }
        return (double) correct / labels.length;
    }

    /** Runs {@code attack} over every batch. */
    public RobustnessReport evaluate(Attack attack) {
        return evaluate(attack, done -> { });
    }

    /** Runs {@code attack} over every batch, calling {@code progress} with the samples done so far. */
    public RobustnessReport evaluate(Attack attack, IntConsumer progress) {
        long start = System.nanoTime();
        int n = labels.length;
        int[] clean = new int[n];
        int[] adversarial = new int[n];
        SampleStatus[] status = new SampleStatus[n];
        double[] l2 = new double[n];
        double[] linf = new double[n];
        long[] evaluations = new long[n];
        long[] queries = new long[n];
        AttackResult example = null;
        for (int from = 0; from < n; from += batchSize) {
            int count = Math.min(batchSize, n - from);
            try (MemoryScope scope = MemoryScope.open()) {
                Tensor batch = inputs.narrow(0, from, count);
                int[] batchLabels = java.util.Arrays.copyOfRange(labels, from, from + count);
                AttackResult r = attack.run(model, batch, batchLabels);
                System.arraycopy(r.cleanPredictions(), 0, clean, from, count);
                System.arraycopy(r.adversarialPredictions(), 0, adversarial, from, count);
                System.arraycopy(r.status(), 0, status, from, count);
                System.arraycopy(r.l2(), 0, l2, from, count);
                System.arraycopy(r.linf(), 0, linf, from, count);
                System.arraycopy(r.gradientEvaluations(), 0, evaluations, from, count);
                System.arraycopy(r.queries(), 0, queries, from, count);
                if (example == null) {
                    r.inputs().keep();
                    r.adversarial().keep();
                    example = r;
                }
            }
            progress.accept(from + count);
        }
        return new RobustnessReport(attack.name(), attack.threatModel(), labels.clone(), clean, adversarial, status, l2,
                linf, evaluations, queries, classNames, decibelsPerUnit, (System.nanoTime() - start) / 1e9, example);
    }
}
