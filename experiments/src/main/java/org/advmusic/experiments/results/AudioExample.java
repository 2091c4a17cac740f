package org.advmusic.experiments.results;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A listenable example: a clean segment and its adversarial version (RESULTS.md {@code audio}).
 *
 * @param label                 the true class
 * @param clean                 the clean WAV, relative to the run directory; null when absent
 * @param adversarial           the adversarial WAV, relative to the run directory; null when absent
 * @param attack                the attack that made it
 * @param threatModel           the attack's threat model, in words
 * @param adversarialPrediction the model's prediction on the adversarial input
 * @param succeeded             whether the adversarial input fooled the model
 * @param snrDb                 signal-to-noise ratio of the adversarial audio against the clean audio, in dB
 * @param method                how the adversarial spectrogram was made listenable
 * @param checkpoint            the hash of the attacked checkpoint's weights; null when not recorded
 */
public record AudioExample(String label, String clean, String adversarial, String attack, String threatModel,
                           String adversarialPrediction, Boolean succeeded, double snrDb, String method, String checkpoint) {

    static AudioExample parse(JsonField f) throws MalformedResultsException {
        JsonField succeeded = f.get("succeeded");
        return new AudioExample(f.get("label").optionalText(), f.get("clean").optionalText(),
                f.get("adversarial").optionalText(), f.get("attack").optionalText(),
                RobustnessMetrics.ThreatModel.text(f.get("threat_model")), f.get("adversarial_prediction").optionalText(),
                succeeded.isPresent() ? succeeded.bool() : null, f.get("snr_db").optionalNumber(), f.get("method").optionalText(),
                f.get("checkpoint").optionalText());
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
        ResultsJson.number(node, "snr_db", snrDb);
        ResultsJson.text(node, "method", method);
        return ResultsJson.text(node, "checkpoint", checkpoint);
    }
}
