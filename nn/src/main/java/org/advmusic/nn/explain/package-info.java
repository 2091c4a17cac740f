/**
 * Explanations of a classifier's decisions: {@link org.advmusic.nn.explain.GradCam} (Grad-CAM and
 * Grad-CAM++ maps on a named layer), {@link org.advmusic.nn.explain.AttentionShift} and
 * {@link org.advmusic.nn.explain.AttentionShiftSummary} (how far attention moves between two maps of
 * the same sample, e.g. clean and adversarial), and {@link org.advmusic.nn.explain.Faithfulness}
 * (whether removing the attended region really lowers the class probability).
 */
package org.advmusic.nn.explain;
