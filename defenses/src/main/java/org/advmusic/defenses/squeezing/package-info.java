/**
 * Feature squeezing (Xu, Evans, Qi, NDSS 2018): input transformations that remove detail an attacker
 * relies on ({@link org.advmusic.defenses.squeezing.BitDepthSqueezer},
 * {@link org.advmusic.defenses.squeezing.MedianFilterSqueezer}), used as a defense in front of the
 * model ({@link org.advmusic.defenses.squeezing.SqueezedClassifier}) and as a detector that compares
 * the model's predictions before and after squeezing
 * ({@link org.advmusic.defenses.squeezing.FeatureSqueezingDetector}).
 */
package org.advmusic.defenses.squeezing;
