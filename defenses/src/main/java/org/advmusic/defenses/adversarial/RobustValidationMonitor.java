package org.advmusic.defenses.adversarial;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.advmusic.attacks.Fgsm;
import org.advmusic.attacks.Pgd;
import org.advmusic.attacks.ThreatModel;
import org.advmusic.attacks.evaluation.RobustnessEvaluator;
import org.advmusic.nn.Model;
import org.advmusic.nn.train.EpochRecord;
import org.advmusic.nn.train.LabeledData;
import org.advmusic.nn.train.TrainingListener;

/**
 * After every epoch, measures accuracy under PGD and under FGSM on a small fixed validation subset,
 * and warns of catastrophic overfitting (Wong et al. 2020): PGD accuracy collapsing while FGSM or
 * training accuracy rises, the sign that the model has learned to mask single-step gradients.
 */
public final class RobustValidationMonitor implements TrainingListener {

    /**
     * One epoch's robust validation.
     *
     * @param warning the catastrophic-overfitting warning, or null
     */
    public record Entry(int epoch, double pgdAccuracy, double fgsmAccuracy, double trainingAccuracy, String warning) {
    }

    private final Model model;
    private final RobustnessEvaluator evaluator;
    private final ThreatModel threatModel;
    private final int pgdSteps;
    private final double collapse;
    private final Consumer<String> warnings;
    private final List<Entry> entries = new ArrayList<>();

    /**
     * @param subset    a small fixed validation subset
     * @param pgdSteps  steps of the validation PGD
     * @param collapse  a fall of PGD accuracy from its best by more than this (e.g. 0.2) is a collapse
     * @param warnings  receives each warning (also kept in the entries)
     */
    public RobustValidationMonitor(Model model, LabeledData subset, java.util.List<String> classNames,
                                   ThreatModel threatModel, int pgdSteps, double collapse, Consumer<String> warnings) {
        this.model = model;
        this.evaluator = new RobustnessEvaluator(model, subset.inputs(), subset.labels(), classNames, subset.size(), Double.NaN);
        this.threatModel = threatModel;
        this.pgdSteps = pgdSteps;
        this.collapse = collapse;
        this.warnings = warnings;
    }

    @Override
    public void epochEnded(EpochRecord record) {
        boolean wasTraining = model.isTraining();
        model.eval();
        double pgd = evaluator.evaluate(new Pgd(threatModel, Pgd.Settings.madry(pgdSteps)))
                .robustAccuracy();
        double fgsm = evaluator.evaluate(new Fgsm(threatModel)).robustAccuracy();
        model.train(wasTraining);
        String warning = catastrophicOverfitting(entries, pgd, fgsm, record.trainingAccuracy(), collapse);
        Entry entry = new Entry(record.epoch(), pgd, fgsm, record.trainingAccuracy(), warning == null ? null
                : "epoch " + record.epoch() + ": " + warning);
        entries.add(entry);
        if (warning != null) {
            warnings.accept(entry.warning());
        }
    }

    /**
     * The rule: PGD accuracy has fallen more than {@code collapse} below its best so far while FGSM
     * accuracy or training accuracy rose over the previous epoch. Returns the warning text, or null.
     */
    static String catastrophicOverfitting(List<Entry> previous, double pgd, double fgsm, double training, double collapse) {
        if (previous.isEmpty()) {
            return null;
        }
        double best = previous.stream().mapToDouble(Entry::pgdAccuracy).max().orElse(pgd);
        Entry last = previous.get(previous.size() - 1);
        boolean collapsed = pgd < best - collapse;
        boolean rising = fgsm > last.fgsmAccuracy() || training > last.trainingAccuracy();
        if (!collapsed || !rising) {
            return null;
        }
        return String.format(Locale.ROOT, "catastrophic overfitting suspected: PGD validation accuracy %.3f fell from its best"
                        + " %.3f while FGSM accuracy is %.3f (was %.3f) and training accuracy %.3f (was %.3f)",
                pgd, best, fgsm, last.fgsmAccuracy(), training, last.trainingAccuracy());
    }

    /** Every epoch's robust validation so far. */
    public List<Entry> entries() {
        return List.copyOf(entries);
    }
}
