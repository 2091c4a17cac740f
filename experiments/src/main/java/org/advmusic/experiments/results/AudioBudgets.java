package org.advmusic.experiments.results;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The budgets of the waveform study (RESULTS.md {@code audio_budgets}, from the config's {@code audio}
 * section), recorded beside its tracks so that the report draws the curves at the budgets the run used.
 *
 * @param pgdPeakDbfs          the waveform PGD-Linf budget, as the perturbation's peak level in dBFS
 * @param perturbationPeakDbfs the level the perturbation files are scaled to, in dBFS
 * @param snrBudgetsDb         the SNR budgets of the robustness curve, in dB, increasing
 * @param peakBudgetsDbfs      the peak budgets of the robustness curve, in dBFS, increasing
 */
public record AudioBudgets(double pgdPeakDbfs, double perturbationPeakDbfs, double[] snrBudgetsDb,
                           double[] peakBudgetsDbfs) {

    static AudioBudgets parse(JsonField f) throws MalformedResultsException {
        return new AudioBudgets(f.require("pgd_peak_dbfs").number(), f.require("perturbation_peak_dbfs").number(),
                numbers(f.require("snr_budgets_db")), numbers(f.require("peak_budgets_dbfs")));
    }

    private static double[] numbers(JsonField f) throws MalformedResultsException {
        List<Double> values = f.list(JsonField::number);
        if (values.isEmpty()) {
            throw f.error("expected a non-empty list of budgets");
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    ObjectNode toJson() {
        ObjectNode node = ResultsJson.object();
        ResultsJson.number(node, "pgd_peak_dbfs", pgdPeakDbfs);
        ResultsJson.number(node, "perturbation_peak_dbfs", perturbationPeakDbfs);
        node.set("snr_budgets_db", ResultsJson.numbers(snrBudgetsDb));
        node.set("peak_budgets_dbfs", ResultsJson.numbers(peakBudgetsDbfs));
        return node;
    }
}
