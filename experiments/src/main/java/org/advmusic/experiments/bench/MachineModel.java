package org.advmusic.experiments.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * How long one figure's run takes on the machine as the control loops found it: a roofline-like sum of parts,
 * each slower when its resource is,
 * <pre>
 *     predicted seconds = work[FMA] / FMA GFLOP/s + work[memory] / memory GB/s + work[L3] / L3 GB/s
 *                         + work[L2] / L2 GB/s,
 * </pre>
 * with non-negative work fitted to the figure's runs over all forks. A figure's parts weigh differently
 * (GenreCnn's forward pass followed the DRAM stream, 122 against 198 samples/s at 30 against 65 GB/s; its
 * input-gradient backward hardly did), so one fixed mix of the readings does not fit all figures: this model
 * learns each figure's mix from its own runs, within forks (the machine changes speed from run to run) and across
 * them. A run's time relative to the prediction ({@link #relativeTime}) is then 1 when the machine explains it,
 * and a fork whose runs stay above the others at the same readings has slow code.
 *
 * @param work per loop of {@link Control#LOOP_NAMES}, seconds x the loop's unit: the part of a run that scales
 *             with that loop (zero for a part the runs do not need)
 */
public record MachineModel(List<Double> work) {
    private static final int LOOPS = Control.LOOP_NAMES.length;

    public MachineModel {
        work = List.copyOf(work);
        if (work.size() != LOOPS) {
            throw new IllegalArgumentException("machine model: " + work.size() + " parts, expected " + LOOPS);
        }
    }

    /** A model from the work of each part, in the order of {@link Control#LOOP_NAMES}. */
    public static MachineModel of(double... work) {
        return new MachineModel(Arrays.stream(work).boxed().toList());
    }

    /**
     * One timed run: its seconds per unit of work (for a throughput, the reciprocal of the run's value) and the
     * machine during it ({@link Control#between} the readings right before and right after the run).
     */
    public record Run(double seconds, Control machine) {
    }

    /**
     * The model with the least squared relative error {@code sum (1 - predicted / seconds)^2} over {@code runs},
     * work non-negative: the least-squares fit on every subset of the parts, keeping the best whose work is all
     * positive (the non-negative least-squares solution is the plain fit on its own parts, so it is among them);
     * a tie keeps the subset with fewer parts.
     *
     * @throws IllegalArgumentException when there are no runs
     */
    public static MachineModel fit(List<Run> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("machine model: no runs to fit");
        }
        DMatrixRMaj all = new DMatrixRMaj(runs.size(), LOOPS);
        DMatrixRMaj ones = new DMatrixRMaj(runs.size(), 1);
        for (int i = 0; i < runs.size(); i++) {
            double[] loops = runs.get(i).machine().loops();
            for (int k = 0; k < LOOPS; k++) {
                all.set(i, k, 1 / (loops[k] * runs.get(i).seconds()));
            }
            ones.set(i, 0, 1);
        }
        MachineModel best = null;
        double bestError = Double.POSITIVE_INFINITY;
        for (int size = 1; size <= LOOPS; size++) {
            for (int subset = 1; subset < 1 << LOOPS; subset++) {
                if (Integer.bitCount(subset) != size) {
                    continue;
                }
                double[] work = leastSquares(all, ones, subset);
                if (work == null) {
                    continue;
                }
                MachineModel candidate = of(work);
                double error = 0;
                for (Run r : runs) {
                    double residual = 1 - candidate.predictedSeconds(r.machine()) / r.seconds();
                    error += residual * residual;
                }
                if (error < bestError * (1 - 1e-6) - 1e-12) {
                    best = candidate;
                    bestError = error;
                }
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("machine model: no fit to " + runs.size() + " runs");
        }
        return best;
    }

    /** The work of the parts in {@code subset} (bit k: part k), the others zero; null unless all positive. */
    private static double[] leastSquares(DMatrixRMaj all, DMatrixRMaj ones, int subset) {
        List<Integer> columns = new ArrayList<>();
        for (int k = 0; k < LOOPS; k++) {
            if ((subset & 1 << k) != 0) {
                columns.add(k);
            }
        }
        if (all.numRows < columns.size()) {
            return null;
        }
        DMatrixRMaj a = new DMatrixRMaj(all.numRows, columns.size());
        for (int i = 0; i < all.numRows; i++) {
            for (int j = 0; j < columns.size(); j++) {
                a.set(i, j, all.get(i, columns.get(j)));
            }
        }
        DMatrixRMaj x = new DMatrixRMaj(columns.size(), 1);
        if (!CommonOps_DDRM.solve(a, ones, x)) {
            return null;
        }
        double[] work = new double[LOOPS];
        for (int j = 0; j < columns.size(); j++) {
            double w = x.get(j, 0);
            if (!(w > 0) || Double.isInfinite(w)) {
                return null;
            }
            work[columns.get(j)] = w;
        }
        return work;
    }

    /** The seconds this model predicts for one run on a machine with these readings. */
    public double predictedSeconds(Control machine) {
        double[] loops = machine.loops();
        double seconds = 0;
        for (int k = 0; k < LOOPS; k++) {
            seconds += work.get(k) / loops[k];
        }
        return seconds;
    }

    /** The run's seconds over the predicted seconds: 1 when the machine explains it, above 1 when it was slower. */
    public double relativeTime(Run run) {
        return run.seconds() / predictedSeconds(run.machine());
    }

    /** Each part's share of the predicted time on a machine with these readings, in the order of the loops. */
    public double[] shares(Control machine) {
        double[] loops = machine.loops();
        double total = predictedSeconds(machine);
        double[] shares = new double[LOOPS];
        for (int k = 0; k < LOOPS; k++) {
            shares[k] = work.get(k) / loops[k] / total;
        }
        return shares;
    }
}
