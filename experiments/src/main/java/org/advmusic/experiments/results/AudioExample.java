package org.advmusic.experiments.results;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One track of the waveform study (RESULTS.md {@code audio}): the track attacked in the waveform
 * itself through the differentiable front end, the adversarial WAV written as 16-bit PCM and
 * re-analysed by reading the file back through the data loader, its minimal perturbations, and the
 * input-domain attack on the same track for comparison.
 *
 * @param label                 the true class
 * @param clean                 the clean WAV, relative to the run directory; null when absent
 * @param adversarial           the adversarial WAV, relative to the run directory; null when the re-analysed file
 *                              was not misclassified (no file is then named adversarial)
 * @param attack                the waveform attack that made it, e.g. "PGD-Linf"
 * @param threatModel           the waveform attack's threat model, in words (with its dBFS budget)
 * @param adversarialPrediction the attack's own prediction on its (16-bit) result
 * @param succeeded             whether the attack's own verification pass found it adversarial
 * @param reanalysedPrediction  the prediction of the pipeline on the written file read back; null when not written
 * @param snrDb                 SNR of the adversarial waveform against the clean one, in dB
 * @param peakDbfs              peak amplitude of the perturbation, in dBFS
 * @param inputLinfDb           the Linf change of the model input (log-mel) the waveform attack caused, in dB
 * @param perturbation          the perturbation alone, scaled to be audible, relative to the run directory; may be null
 * @param perturbationGainDb    the gain applied to the perturbation file, in dB
 * @param minimalSnrDb          the largest SNR at which a minimum-norm L2 attack fooled the model (NaN: none found)
 * @param minimalPeakDbfs       the smallest peak (dBFS) at which a minimum-norm Linf attack fooled the model (NaN: none)
 * @param inputDomainSucceeded  whether the input-domain PGD (on the log-mel segments, reference budget) fooled the
 *                              track-level prediction; null when not run
 * @param inputDomainLinfDb     the Linf of the input-domain attack's perturbation of the log-mel input, in dB
 * @param method                how the example was made and verified
 * @param checkpoint            the hash of the attacked checkpoint's weights; null when not recorded
 */
public record AudioExample(String label, String clean, String adversarial, String attack, String threatModel,
                           String adversarialPrediction, Boolean succeeded, String reanalysedPrediction, double snrDb,
                           double peakDbfs, double inputLinfDb, String perturbation, double perturbationGainDb,
                           double minimalSnrDb, double minimalPeakDbfs, Boolean inputDomainSucceeded, double inputDomainLinfDb,
                           String method,
                           String checkpoint) {

    static AudioExample parse(JsonField f) throws MalformedResultsException {
        JsonField succeeded = f.get("succeeded");
        JsonField inputDomain = f.get("input_domain_succeeded");
        return new AudioExample(f.get("label").optionalText(), f.get("clean").optionalText(),
                f.get("adversarial").optionalText(), f.get("attack").optionalText(),
                RobustnessMetrics.ThreatModel.text(f.get("threat_model")), f.get("adversarial_prediction").optionalText(),
                succeeded.isPresent() ? succeeded.bool() : null, f.get("reanalysed_prediction").optionalText(),
                f.get("snr_db").optionalNumber(), f.get("peak_dbfs").optionalNumber(),
                f.get("input_linf_db").optionalNumber(), f.get("perturbation").optionalText(),
                f.get("perturbation_gain_db").optionalNumber(), f.get("minimal_snr_db").optionalNumber(),
                f.get("minimal_peak_dbfs").optionalNumber(), inputDomain.isPresent() ? inputDomain.bool() : null,
                f.get("input_domain_linf_db").optionalNumber(),
                f.get("method").optionalText(), f.get("checkpoint").optionalText());
    }

    ObjectNode toJson() {
        ObjectNode node = ResultsJson.object();
        ResultsJson.text(node, "label", label);
        ResultsJson.text(node, "clean", clean);
        ResultsJson.text(node, "adversarial", adversarial);
        ResultsJson.text(node, "attack", attack);
        ResultsJson.text(node, "threat_model", threatModel);
        ResultsJson.text(node, "adversarial_prediction", adversarialPrediction);
        if (succeeded != null) {
            node.put("succeeded", succeeded);
        }
        ResultsJson.text(node, "reanalysed_prediction", reanalysedPrediction);
        ResultsJson.number(node, "snr_db", snrDb);
        ResultsJson.number(node, "peak_dbfs", peakDbfs);
        ResultsJson.number(node, "input_linf_db", inputLinfDb);
        ResultsJson.text(node, "perturbation", perturbation);
        ResultsJson.number(node, "perturbation_gain_db", perturbationGainDb);
        ResultsJson.number(node, "minimal_snr_db", minimalSnrDb);
        ResultsJson.number(node, "minimal_peak_dbfs", minimalPeakDbfs);
        if (inputDomainSucceeded != null) {
            node.put("input_domain_succeeded", inputDomainSucceeded);
        }
        ResultsJson.number(node, "input_domain_linf_db", inputDomainLinfDb);
        ResultsJson.text(node, "method", method);
        return ResultsJson.text(node, "checkpoint", checkpoint);
    }
}
