package org.advmusic.nn.svm;

import org.advmusic.engine.Backend;
import org.advmusic.engine.BinaryOp;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.unrecorded.Compare;
import org.advmusic.nn.Classifier;

/**
 * A trained {@link SvcModel} as a differentiable {@link Classifier} on the engine: its logits are
 * scikit-learn's one-vs-rest decision values (votes plus squashed summed confidences, see
 * {@link Voting#oneVersusRest}), so their argmax is the SVC's prediction up to vote ties, and the
 * gradient with respect to the (standardised) input flows through the sums of RBF kernels:
 *
 * <pre>
 *   K   = exp(-gamma (|x|^2 + |sv|^2 - 2 x sv^T))          (N, F) -> (N, S)
 *   f   = K W - rho                                          (N, S) -> (N, P)   one-vs-one decisions
 *   s   = f M                                                (N, P) -> (N, C)   M[p, i] = +1, M[p, j] = -1
 *   out = votes(f) + s / (3 (|s| + 1))                       votes are piecewise constant (no gradient)
 * </pre>
 *
 * White-box attacks (PGD, FMN) therefore run on the SVC in the standardised feature domain.
 */
public final class SvcDecisionClassifier implements Classifier {
    private final double gamma;
    private final Tensor supportVectorsTransposed; // (F, S)
    private final Tensor supportSquaredNorms; // (1, S)
    private final Tensor pairCoefficients; // (S, P)
    private final Tensor negativeRho; // (1, P)
    private final Tensor confidenceMap; // (P, C)
    private final Tensor firstClassMap; // (P, C): 1 at the pair's first class
    private final Tensor voteShift; // (P, C): second minus first class indicator

    /** The decision function of {@code model} with its constants on {@code backend}. */
    public SvcDecisionClassifier(SvcModel model, Backend backend) {
        this.gamma = model.gamma();
        int s = model.supportVectors().length;
        int f = model.featureCount();
        int k = model.classCount();
        int pairs = model.rho().length;
        double[] svT = new double[f * s];
        double[] norms = new double[s];
        for (int v = 0; v < s; v++) {
            for (int c = 0; c < f; c++) {
                double value = model.supportVectors()[v][c];
                svT[c * s + v] = value;
                norms[v] += value * value;
            }
        }
        double[] coefficients = new double[s * pairs];
        double[] rho = new double[pairs];
        double[] confidence = new double[pairs * k];
        double[] first = new double[pairs * k];
        double[] shift = new double[pairs * k];
        int[] starts = model.classStarts();
        int p = 0;
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                for (int v = starts[i]; v < starts[i + 1]; v++) {
                    coefficients[v * pairs + p] = model.dualCoefficients()[j - 1][v];
                }
                for (int v = starts[j]; v < starts[j + 1]; v++) {
                    coefficients[v * pairs + p] = model.dualCoefficients()[i][v];
                }
                rho[p] = -model.rho()[p];
                confidence[p * k + i] = 1;
                confidence[p * k + j] = -1;
                first[p * k + i] = 1;
                shift[p * k + i] = -1;
                shift[p * k + j] = 1;
                p++;
            }
        }
        supportVectorsTransposed = Tensor.fromArray(backend, svT, f, s).keep();
        supportSquaredNorms = Tensor.fromArray(backend, norms, 1, s).keep();
        pairCoefficients = Tensor.fromArray(backend, coefficients, s, pairs).keep();
        negativeRho = Tensor.fromArray(backend, rho, 1, pairs).keep();
        confidenceMap = Tensor.fromArray(backend, confidence, pairs, k).keep();
        firstClassMap = Tensor.fromArray(backend, first, pairs, k).keep();
        voteShift = Tensor.fromArray(backend, shift, pairs, k).keep();
    }

    /** (N, F) standardised features -> (N, P) one-vs-one decision values, positive for the pair's first class. */
    public Tensor pairwiseDecisions(Tensor batch) {
        batch.requireRank("SVC decision function", 2, "(N, features)");
        Tensor squaredNorms = batch.mul(batch).sum(true, 1); // (N, 1)
        Tensor squaredDistances = squaredNorms.add(supportSquaredNorms)
                .sub(batch.matmul(supportVectorsTransposed).mul(2.0)); // (N, S)
        Tensor kernel = squaredDistances.mul(-gamma).exp(); // d/dD exp(-gamma D) = -gamma exp(-gamma D)
        return kernel.matmul(pairCoefficients).add(negativeRho); // (N, P)
    }

    /** (N, F) standardised features -> (N, C) one-vs-rest decision values (scikit-learn's decision_function). */
    @Override
    public Tensor logits(Tensor batch) {
        Tensor decisions = pairwiseDecisions(batch);
        Tensor confidences = decisions.matmul(confidenceMap); // (N, C)
        Tensor secondWins = Compare.apply(BinaryOp.LT, decisions.detach(), Tensor.zerosLike(decisions)); // f < 0 votes j
        Tensor votes = Tensor.onesLike(secondWins).matmul(firstClassMap).add(secondWins.matmul(voteShift));
        // d/ds s / (3 (|s| + 1)) = 1 / (3 (|s| + 1)^2), through the engine's div and abs
        return votes.add(confidences.div(confidences.abs().add(1.0).mul(3.0)));
    }
}
