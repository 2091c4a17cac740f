package org.advmusic.experiments.report;

/**
 * A listenable example: a clean segment and its adversarial version (RESULTS.md {@code audio}).
 *
 * @param label                 the true class
 * @param clean                 the clean WAV, relative to the run directory; null when absent
 * @param adversarial           the adversarial WAV, relative to the run directory; null when absent
 * @param attack                the attack that made it
 * @param threatModel           the attack's threat model, in words
 * @param adversarialPrediction the model's prediction on the adversarial input
 * @param snrDb                 signal-to-noise ratio of the adversarial audio against the clean audio, in dB
 * @param method                how the adversarial spectrogram was made listenable
 */
record AudioExample(String label, String clean, String adversarial, String attack, String threatModel,
                    String adversarialPrediction, double snrDb, String method) {

    static AudioExample parse(JsonField f) throws MalformedResultsException {
        return new AudioExample(f.get("label").optionalText(), f.get("clean").optionalText(),
                f.get("adversarial").optionalText(), f.get("attack").optionalText(),
                RobustnessMetrics.ThreatModel.text(f.get("threat_model")), f.get("adversarial_prediction").optionalText(),
                f.get("snr_db").optionalNumber(), f.get("method").optionalText());
    }
}
