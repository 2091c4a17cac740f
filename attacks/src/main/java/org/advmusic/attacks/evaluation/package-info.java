/**
 * Robustness evaluation over a data set: metrics of one attack ({@link
 * org.advmusic.attacks.evaluation.RobustnessReport}), accuracy-versus-epsilon curves ({@link
 * org.advmusic.attacks.evaluation.RobustnessCurve}) and the sanity checklist of Carlini et al. 2019
 * ({@link org.advmusic.attacks.evaluation.SanityChecklist}).
 */
package org.advmusic.attacks.evaluation;
