package org.advmusic.experiments.pipeline;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.advmusic.attacks.Attack;
import org.advmusic.attacks.Norm;
import org.advmusic.experiments.config.ExperimentConfig;

/**
 * One cell of a robustness grid (the robustness stage's and a sweep's): an attack family with its
 * settings and budget. On audio tracks the attack is built per track by the run's attack factory
 * ({@link #attack}) seeded from the track and the cell ({@link CellSeeds}), so a sample's result does
 * not depend on which run, task or batch it ran in.
 *
 * @param family   FGSM, PGD, FMN, DDN or Genetic
 * @param norm     the threat model's norm
 * @param epsilon  the budget (infinite for the minimum-norm attacks)
 * @param steps    iterations (PGD, FMN, DDN), queries (Genetic), 0 for FGSM
 * @param restarts PGD restarts (1 elsewhere)
 */
public record AttackCell(String family, Norm norm, double epsilon, int steps, int restarts) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A stable name that identifies the cell in the Parquet rows, e.g. {@code PGD-Linf eps=0.01 steps=10 restarts=1}. */
    public String key() {
        String budget = Double.isInfinite(epsilon) ? "minimum-norm" : "eps=" + String.format(Locale.ROOT, "%s", epsilon);
        return family + "-" + norm.label() + " " + budget + " steps=" + steps + " restarts=" + restarts;
    }

    /** Whether the cell's attack searches the smallest perturbation (its budget is open). */
    public boolean minimumNorm() {
        return family.equals("FMN") || family.equals("DDN");
    }

    /** The attack of this cell, built by {@code factory} (whose seed is the track's, see {@link CellSeeds}). */
    public Attack attack(AttackFactory factory) {
        return switch (family) {
            case "FGSM" -> factory.fgsm(epsilon);
            case "PGD" -> factory.pgd(epsilon);
            case "FMN" -> factory.fmn();
            case "DDN" -> factory.ddn();
            case "Genetic" -> factory.genetic();
            default -> throw new IllegalArgumentException("attack cell family '" + family + "'; expected FGSM, PGD, FMN, DDN or Genetic");
        };
    }

    /** The grid of {@code factory}'s attacks, in the order the single-machine robustness stage runs them. */
    public static List<AttackCell> grid(AttackFactory factory, ExperimentConfig.AttackConfig a) {
        Budgets budgets = factory.budgets();
        List<AttackCell> cells = new ArrayList<>();
        for (double eps : budgets.positive()) {
            cells.add(new AttackCell("FGSM", budgets.norm(), eps, 0, 1));
            cells.add(new AttackCell("PGD", budgets.norm(), eps, a.pgdSteps(), a.pgdRestarts()));
        }
        if (factory.fmn() != null) {
            cells.add(new AttackCell("FMN", budgets.norm(), Double.POSITIVE_INFINITY, a.fmnSteps(), 1));
        }
        if (factory.ddn() != null) {
            cells.add(new AttackCell("DDN", budgets.norm(), Double.POSITIVE_INFINITY, a.ddnSteps(), 1));
        }
        if (factory.genetic() != null) {
            cells.add(new AttackCell("Genetic", budgets.norm(), budgets.reference(), a.geneticQueries(), 1));
        }
        return cells;
    }
}
