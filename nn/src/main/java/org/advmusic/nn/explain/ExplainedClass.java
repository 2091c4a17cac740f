package org.advmusic.nn.explain;

import java.util.Arrays;
import java.util.Locale;

/**
 * Which class a Grad-CAM map explains: the sample's true class (what evidence for the right answer
 * the model sees), the predicted class (why it answered as it did; the seeds' choice for natural
 * failures), or both side by side. For a correctly classified sample the two are the same map.
 */
public enum ExplainedClass {
    /** the label */
    TRUE("true"),
    /** the argmax of the logits */
    PREDICTED("predicted"),
    /** the label and the prediction */
    BOTH("both");

    private final String configName;

    ExplainedClass(String configName) {
        this.configName = configName;
    }

    /** The name in configs: true, predicted or both. */
    public String configName() {
        return configName;
    }

    /** Whether maps of the true class are made. */
    public boolean explainsTrue() {
        return this != PREDICTED;
    }

    /** Whether maps of the predicted class are made. */
    public boolean explainsPredicted() {
        return this != TRUE;
    }

    /**
     * The choice a config names.
     *
     * @throws IllegalArgumentException naming the value and the known names
     */
    public static ExplainedClass parse(String name) {
        for (ExplainedClass c : values()) {
            if (c.configName.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        throw new IllegalArgumentException("Grad-CAM class '" + name + "': expected one of "
                + Arrays.stream(values()).map(ExplainedClass::configName).toList());
    }
}
