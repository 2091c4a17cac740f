package org.advmusic.experiments.report;

/** The report's sections, in reading order; each has an HTML anchor and a heading. */
enum Section {
    RUN("run", "Run"),
    DATA("data", "Data"),
    TRAINING("training", "Training"),
    CLEAN("clean", "Clean accuracy"),
    ROBUSTNESS("robustness", "Robustness of the baseline"),
    EXAMPLES("examples", "Adversarial examples"),
    DEFENSES("defenses", "Defenses"),
    CHECKLISTS("checklists", "Sanity checklists"),
    GRADCAM("gradcam", "Grad-CAM"),
    AUDIO("audio", "Audio"),
    INSTRUMENTS("instruments", "Instrument study (RBF SVC, targeted waveform attacks)"),
    CONFIG("config", "Resolved configuration");

    private final String anchor;
    private final String heading;

    Section(String anchor, String heading) {
        this.anchor = anchor;
        this.heading = heading;
    }

    /** The HTML id of the section. */
    String anchor() {
        return anchor;
    }

    /** The section's heading. */
    String heading() {
        return heading;
    }
}
