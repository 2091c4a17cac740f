/**
 * C-support-vector classification with the RBF kernel, written from libsvm's algorithm: the SMO
 * solver with second-order working-set selection (Fan, Chen and Lin 2005) and shrinking, a kernel
 * column cache, one-vs-one training with libsvm's vote and scikit-learn's one-vs-rest decision
 * function, safetensors checkpoints in scikit-learn's layout, and the decision function as a
 * differentiable {@link org.advmusic.nn.Classifier} on the engine. Results agree with
 * scikit-learn's {@code SVC} (see the fixtures under {@code src/test/resources/svm}).
 */
package org.advmusic.nn.svm;
