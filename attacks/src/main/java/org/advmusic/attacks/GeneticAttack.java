package org.advmusic.attacks;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.advmusic.engine.Autograd;
import org.advmusic.engine.BinaryOp;
import org.advmusic.engine.CounterRandom;
import org.advmusic.engine.InPlace;
import org.advmusic.engine.MemoryScope;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.unrecorded.Compare;
import org.advmusic.nn.Classifier;

/**
 * A genetic black-box attack in the manner of GenAttack (Alzantot et al. 2019). It only calls the
 * model forward, never asks for a gradient, and so also attacks models that are not differentiable.
 *
 * <p>Each sample has a population of perturbations inside the epsilon ball. Every generation the
 * members are scored (a query each); the fittest member survives unchanged (elitism); the other
 * members are children of two parents drawn with probability {@code softmax(fitness / temperature)},
 * taking each element from the first parent with probability {@code p1 / (p1 + p2)} (crossover), then
 * mutated: each element, with probability {@code rho}, moves by a uniform amount up to
 * {@code alpha * eps}, and the child is projected back into the ball and the box. {@code rho} and
 * {@code alpha} shrink as {@code 0.9^plateaus} while the best fitness stops improving (adaptive
 * mutation). A sample stops when its fittest member reaches the goal or its query budget is spent.
 *
 * <p>Fitness with scores: {@code log p_t - log sum_{j != t} p_j} when targeted,
 * {@code log sum_{j != y} p_j - log p_y} when untargeted. In hard-label mode only the predicted label
 * is used: members that reach the goal score above 1 (more for smaller perturbations), the others
 * below 1/2 (more for larger ones, which explore further from the clean input).
 */
public final class GeneticAttack extends AbstractAttack {

    /** What the attack may see of the model's output. */
    public enum Feedback {
        /** the scores (logits or probabilities) */
        SCORES,
        /** only the predicted label */
        LABELS
    }

    /**
     * @param population        members per sample (at least 2)
     * @param queryBudget       model evaluations allowed per sample
     * @param temperature       of the parent selection softmax
     * @param minimumMutationRate    floor of the adaptive mutation probability
     * @param minimumMutationScale   floor of the adaptive mutation size, as a fraction of epsilon
     * @param feedback          scores or labels only
     * @param minimizeSteps     after success, bisection steps along the perturbation towards the clean
     *                          input that keep it adversarial (0: none); each costs one query
     * @param seed              seed of every random choice
     */
    public record Settings(int population, int queryBudget, double temperature, double minimumMutationRate,
                           double minimumMutationScale, Feedback feedback, int minimizeSteps, long seed) {
        /** Validates the settings, naming the bad value. */
        public Settings {
            if (population < 2 || queryBudget < population || !(temperature > 0) || !(minimumMutationRate > 0)
                    || !(minimumMutationScale > 0) || minimizeSteps < 0 || feedback == null) {
                throw new IllegalArgumentException("genetic attack: population " + population + ", query budget "
                        + queryBudget + ", temperature " + temperature + ", mutation floors " + minimumMutationRate
                        + "/" + minimumMutationScale + ", minimise steps " + minimizeSteps
                        + "; expected population >= 2, budget >= population, positive temperature and floors");
            }
        }

        /** Population 20, the given budget, temperature 0.3, floors 0.1 / 0.15, 10 bisection steps. */
        public static Settings standard(int queryBudget, Feedback feedback, long seed) {
            return new Settings(20, queryBudget, 0.3, 0.1, 0.15, feedback, 10, seed);
        }
    }

    /** Candidates scored per model call. */
    static final int SCORING_BATCH = 64;
    private static final double RATE_START = 0.5;
    private static final double SCALE_START = 0.4;
    private static final double DECAY = 0.9;

    private final Settings settings;

    public GeneticAttack(ThreatModel threatModel, Settings settings) {
        super(threatModel);
        if (Double.isInfinite(threatModel.epsilon()) || threatModel.epsilon() <= 0) {
            throw new IllegalArgumentException("genetic attack: epsilon must be finite and > 0, got " + threatModel.epsilon());
        }
        this.settings = settings;
    }

    @Override
    public String name() {
        return "Genetic-" + threatModel().norm().label() + (settings.feedback() == Feedback.LABELS ? "-hard-label" : "");
    }

    @Override
    protected CoreResult attack(Classifier model, Tensor inputs, int[] labels, int[] targets) {
        ThreatModel tm = threatModel();
        int n = labels.length;
        int size = settings.population();
        Shape sampleShape = inputs.shape();
        Goal goal = new Goal(labels, targets);
        SplittableRandom random = new SplittableRandom(settings.seed());
        long[] queries = new long[n];
        int[] generations = new int[n];
        boolean[] invalid = new boolean[n];
        double[] bestFitness = PerSample.constant(n, Double.NEGATIVE_INFINITY);
        int[] plateaus = new int[n];
        Tensor result = inputs.copy();
        // member m of active sample a sits at row a * size + m of both tensors: (active * size, features)
        int[] active = Goal.identity(n);
        Tensor origins = PerSample.flat(inputs).selectRowsDetached(repeatEach(active, size));
        Tensor population = startingPopulation(origins);
        for (int generation = 0; active.length > 0; generation++) {
            Tensor nextPopulation;
            Tensor nextOrigins;
            int[] survivors = new int[active.length];
            int remaining = 0;
            try (MemoryScope scope = MemoryScope.open()) {
                Tensor candidates;
                try (var ignored = Autograd.noGrad()) {
                    candidates = tm.box().clip(origins.add(population));
                }
                Scored scored = score(model, candidates, origins, sampleShape.withDim(0, candidates.dim(0)), active, goal);
                int[] elite = new int[active.length];
                for (int a = 0; a < active.length; a++) {
                    int i = active[a];
                    queries[i] += size;
                    generations[i]++;
                    int best = a * size;
                    for (int r = a * size + 1; r < (a + 1) * size; r++) {
                        best = scored.fitness()[r] > scored.fitness()[best] ? r : best;
                    }
                    elite[a] = best;
                    invalid[i] |= !scored.finite()[best];
                    if (scored.fitness()[best] > bestFitness[i]) {
                        bestFitness[i] = scored.fitness()[best];
                        plateaus[i] = 0;
                    } else {
                        plateaus[i]++;
                    }
                    boolean finished = scored.adversarial()[best] || invalid[i] || queries[i] + size > settings.queryBudget();
                    if (!finished) {
                        survivors[remaining++] = a;
                    }
                }
                InPlace.setRows(result, active, candidates.selectRowsDetached(elite).reshape(sampleShape.withDim(0, active.length).dims()));
                survivors = Arrays.copyOf(survivors, remaining);
                int[] survivorRows = memberRows(survivors, size);
                Tensor children = breed(population, scored.fitness(), elite, active, plateaus, generation, random);
                nextPopulation = children.selectRowsDetached(survivorRows).keep();
                nextOrigins = origins.selectRowsDetached(survivorRows).keep();
            }
            population.release();
            origins.release();
            population = nextPopulation;
            origins = nextOrigins;
            active = PerSample.select(active, survivors);
        }
        population.release();
        origins.release();
        if (settings.minimizeSteps() > 0) {
            minimize(model, inputs, result, goal, queries);
        }
        return new CoreResult(result, new long[n], queries, generations, invalid);
    }

    /** Scores of every candidate: fitness, whether it reaches the goal, whether the output was finite. */
    private record Scored(double[] fitness, boolean[] adversarial, boolean[] finite) {
    }

    /**
     * @param candidates (active * size, features) perturbed inputs
     * @param origins    the clean input of each row
     * @param batchShape the shape the model expects for all rows
     */
    private Scored score(Classifier model, Tensor candidates, Tensor origins, Shape batchShape, int[] active, Goal goal) {
        int size = settings.population();
        int rows = candidates.dim(0);
        Tensor logits = scoreInChunks(model, candidates.reshape(batchShape.dims()));
        double[] norms = null;
        if (settings.feedback() == Feedback.LABELS) {
            try (var ignored = Autograd.noGrad()) {
                norms = PerSample.norms(threatModel().norm(), candidates.sub(origins));
            }
        }
        int classes = logits.dim(1);
        // hard-label mode reads nothing but the predicted labels (and whether the output is finite)
        double[] z = settings.feedback() == Feedback.SCORES ? logits.toDoubleArray() : null;
        int[] predictions = logits.argmaxLastAxis();
        boolean[] finite = finiteRows(logits, rows, classes);
        double[] fitness = new double[rows];
        boolean[] adversarial = new boolean[rows];
        for (int r = 0; r < rows; r++) {
            int sample = active[r / size];
            adversarial[r] = finite[r] && goal.reached(sample, predictions[r]);
            if (!finite[r]) {
                fitness[r] = Double.NEGATIVE_INFINITY;
            } else if (z == null) {
                double relative = Math.min(1, norms[r] / threatModel().epsilon());
                fitness[r] = adversarial[r] ? 1 + 0.5 * (1 - relative) : 0.5 * relative;
            } else {
                fitness[r] = scoreFitness(z, r * classes, classes, goal, sample);
            }
        }
        return new Scored(fitness, adversarial, finite);
    }

    /**
     * The model's logits of every candidate, {@link #SCORING_BATCH} rows at a time, so that a large
     * population never needs the activations of all its members at once.
     */
    private static Tensor scoreInChunks(Classifier model, Tensor candidates) {
        int rows = candidates.dim(0);
        Tensor[] parts = new Tensor[(rows + SCORING_BATCH - 1) / SCORING_BATCH];
        try (var ignored = Autograd.noGrad()) {
            for (int p = 0; p < parts.length; p++) {
                int from = p * SCORING_BATCH;
                try (MemoryScope scope = MemoryScope.open()) {
                    parts[p] = model.logits(candidates.narrow(0, from, Math.min(SCORING_BATCH, rows - from))).keep();
                }
            }
            return parts.length == 1 ? parts[0] : org.advmusic.engine.ops.Concat.apply(0, parts);
        }
    }

    /** Whether every score of each row is finite (checked in both modes: a NaN is not a label). */
    private static boolean[] finiteRows(Tensor logits, int rows, int classes) {
        double[] v = logits.toDoubleArray();
        boolean[] finite = new boolean[rows];
        for (int r = 0; r < rows; r++) {
            boolean ok = true;
            for (int c = 0; c < classes; c++) {
                ok &= Double.isFinite(v[r * classes + c]);
            }
            finite[r] = ok;
        }
        return finite;
    }

    /** GenAttack's fitness from scores: the log-odds of the goal class (or of all other classes). */
    private static double scoreFitness(double[] z, int offset, int classes, Goal goal, int sample) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            max = Math.max(max, z[offset + c]);
        }
        int reference = goal.referenceClass(sample);
        double inside = 0;
        double outside = 0;
        for (int c = 0; c < classes; c++) {
            double e = Math.exp(z[offset + c] - max);
            if (c == reference) {
                inside += e;
            } else {
                outside += e;
            }
        }
        double logOdds = Math.log(inside) - Math.log(outside); // log p_ref - log sum of the others
        return goal.targeted() ? logOdds : -logOdds;
    }

    private Tensor startingPopulation(Tensor origins) {
        ThreatModel tm = threatModel();
        Tensor start = BallSampling.uniform(tm.norm(), origins, tm.epsilon(), CounterRandom.derive(settings.seed(), -1));
        try (var ignored = Autograd.noGrad()) {
            return start.sub(origins);
        }
    }

    /** The next generation of every active sample, (active.length * size, features). */
    private Tensor breed(Tensor members, double[] fitness, int[] elite, int[] active, int[] plateaus, int generation,
                         SplittableRandom random) {
        int size = settings.population();
        int rows = active.length * size;
        int[] first = new int[rows];
        int[] second = new int[rows];
        double[] firstShare = new double[rows];
        double[] mutationRate = new double[rows];
        double[] mutationScale = new double[rows];
        for (int a = 0; a < active.length; a++) {
            double[] probability = selectionProbabilities(fitness, a * size, size);
            int i = active[a];
            double rate = Math.max(settings.minimumMutationRate(), RATE_START * Math.pow(DECAY, plateaus[i]));
            double scale = Math.max(settings.minimumMutationScale(), SCALE_START * Math.pow(DECAY, plateaus[i]));
            for (int m = 0; m < size; m++) {
                int r = a * size + m;
                if (m == 0) { // elitism: the fittest member survives unchanged
                    first[r] = elite[a];
                    second[r] = elite[a];
                    firstShare[r] = 1;
                    continue;
                }
                int p1 = a * size + draw(probability, random);
                int p2 = a * size + draw(probability, random);
                first[r] = p1;
                second[r] = p2;
                double w1 = probability[p1 - a * size];
                double w2 = probability[p2 - a * size];
                firstShare[r] = w1 / (w1 + w2);
                mutationRate[r] = rate;
                mutationScale[r] = scale * threatModel().epsilon();
            }
        }
        ThreatModel tm = threatModel();
        try (var ignored = Autograd.noGrad()) {
            Tensor parentA = members.selectRowsDetached(first);
            Tensor parentB = members.selectRowsDetached(second);
            Shape shape = parentA.shape();
            long base = CounterRandom.derive(settings.seed(), generation);
            Tensor fromA = Compare.apply(BinaryOp.LT, Tensor.rand(members.backend(), CounterRandom.derive(base, 1), shape),
                    PerSample.column(firstShare, parentA));
            Tensor child = Tensor.where(fromA, parentA, parentB);
            Tensor mutate = Compare.apply(BinaryOp.LT, Tensor.rand(members.backend(), CounterRandom.derive(base, 2), shape),
                    PerSample.column(mutationRate, parentA));
            Tensor noise = Tensor.uniform(members.backend(), CounterRandom.derive(base, 3), shape, -1, 1)
                    .mul(PerSample.column(mutationScale, parentA));
            Tensor mutated = child.add(mutate.mul(noise));
            return PerSample.project(tm.norm(), mutated, PerSample.constant(rows, tm.epsilon()));
        }
    }

    private double[] selectionProbabilities(double[] fitness, int offset, int size) {
        double max = Double.NEGATIVE_INFINITY;
        for (int m = 0; m < size; m++) {
            max = Math.max(max, fitness[offset + m]);
        }
        double[] p = new double[size];
        double total = 0;
        for (int m = 0; m < size; m++) {
            double f = fitness[offset + m];
            p[m] = Double.isFinite(f) ? Math.exp((f - max) / settings.temperature()) : 0;
            total += p[m];
        }
        for (int m = 0; m < size; m++) {
            p[m] = total > 0 ? p[m] / total : 1.0 / size;
        }
        return p;
    }

    private static int draw(double[] probability, SplittableRandom random) {
        double u = random.nextDouble();
        double cumulative = 0;
        for (int m = 0; m < probability.length; m++) {
            cumulative += probability[m];
            if (u < cumulative) {
                return m;
            }
        }
        return probability.length - 1;
    }

    /**
     * For every successful sample, bisects the factor {@code s} of {@code x + s * delta} in [0, 1]
     * towards the smallest that stays adversarial (labels only, one query per step).
     */
    private void minimize(Classifier model, Tensor inputs, Tensor result, Goal goal, long[] queries) {
        int n = inputs.dim(0);
        double[] low = new double[n];
        double[] high = PerSample.constant(n, 1.0);
        boolean[] adversarial = new boolean[n];
        try (var ignored = Autograd.noGrad()) {
            int[] predictions = scoreInChunks(model, result).argmaxLastAxis();
            for (int i = 0; i < n; i++) {
                adversarial[i] = goal.reached(i, predictions[i]);
            }
            Tensor delta = result.sub(inputs);
            for (int step = 0; step < settings.minimizeSteps(); step++) {
                double[] middle = new double[n];
                for (int i = 0; i < n; i++) {
                    middle[i] = adversarial[i] ? (low[i] + high[i]) / 2 : 1.0;
                }
                int[] trialPredictions;
                try (MemoryScope scope = MemoryScope.open()) { // one bisection step's activations, freed at once
                    trialPredictions = scoreInChunks(model, inputs.add(PerSample.scaleRows(delta, middle))).argmaxLastAxis();
                }
                for (int i = 0; i < n; i++) {
                    if (!adversarial[i]) {
                        continue;
                    }
                    queries[i]++;
                    if (goal.reached(i, trialPredictions[i])) {
                        high[i] = middle[i];
                    } else {
                        low[i] = middle[i];
                    }
                }
            }
            double[] factor = new double[n];
            for (int i = 0; i < n; i++) {
                factor[i] = adversarial[i] ? high[i] : 1.0;
            }
            InPlace.copy(result, inputs.add(PerSample.scaleRows(delta, factor)));
        }
    }

    /** Each index repeated {@code times} times consecutively. */
    private static int[] repeatEach(int[] indices, int times) {
        int[] out = new int[indices.length * times];
        for (int a = 0; a < indices.length; a++) {
            java.util.Arrays.fill(out, a * times, (a + 1) * times, indices[a]);
        }
        return out;
    }

    /** Rows {@code a * size .. a * size + size - 1} for every position {@code a} in {@code positions}. */
    private static int[] memberRows(int[] positions, int size) {
        int[] rows = new int[positions.length * size];
        for (int a = 0; a < positions.length; a++) {
            for (int m = 0; m < size; m++) {
                rows[a * size + m] = positions[a] * size + m;
            }
        }
        return rows;
    }
}
