package org.advmusic.nn.explain;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.advmusic.engine.Autograd;
import org.advmusic.engine.MemoryScope;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.ops.UpsampleBilinear;
import org.advmusic.nn.ForwardResult;
import org.advmusic.nn.Model;
import org.advmusic.nn.Module;
import org.advmusic.nn.models.GenreCnn;
import org.advmusic.nn.models.ResNet18;

/**
 * Grad-CAM (Selvaraju et al. 2017) and Grad-CAM++ on a named layer of a model: where in the input
 * the evidence for a class lies.
 *
 * <p>For a batch {@code (N, C, H, W)} and one class {@code c} per sample, with {@code A} the layer's
 * activation {@code (N, K, h, w)} and {@code y_c} the class score before softmax:
 * <ol>
 *   <li>one forward pass in evaluation mode capturing {@code A};</li>
 *   <li>one backward pass of {@code sum_n y_{c_n}} to {@code A} only ({@link Autograd#grad}): samples
 *       do not interact in evaluation mode, so row {@code n} of the gradient is {@code d y_{c_n} / d A_n};</li>
 *   <li>channel weights {@code w_k} from the gradient ({@link CamMethod}: Grad-CAM's
 *       {@code mean_ij d y_c / d A_k[i, j]}, or Grad-CAM++);</li>
 *   <li>the map {@code ReLU(sum_k w_k A_k)} {@code (h, w)}, upsampled bilinearly (PyTorch's
 *       {@code align_corners=False}) to {@code (H, W)}, and a copy min-max scaled to [0, 1].</li>
 * </ol>
 *
 * <p>Nothing about the model changes: each submodule's mode is restored afterwards, running
 * statistics are not updated (evaluation mode), and no parameter's {@code grad} is touched (only
 * the activation is differentiated). Intermediate tensors are released; the result's tensors are
 * kept in the caller's memory scope.
 */
public final class GradCam {
    /** The usual layer of {@link GenreCnn}: the last convolution block's activation (before pooling). */
    public static final String GENRE_CNN_LAYER = "features.3.relu2";
    /** The usual layer of {@link ResNet18}: the output of its last stage. */
    public static final String RESNET18_LAYER = "layer4";
    /**
     * The smallest value range divided by in min-max normalisation: a display map is
     * {@code (m - min) / max(max - min, 1e-12)}, so a constant map (typically all zeros, when no
     * position speaks for the class) becomes all zeros instead of NaN.
     */
    public static final double NORMALIZATION_EPSILON = 1e-12;

    private final Model model;
    private final String layer;
    private final CamMethod method;

    /**
     * @param model  the classifier; not modified
     * @param layer  module path of a layer whose output is {@code (N, K, h, w)}, e.g. {@link #GENRE_CNN_LAYER}
     * @param method Grad-CAM or Grad-CAM++
     * @throws IllegalArgumentException when the model has no such layer (the message lists its layers)
     */
    public GradCam(Model model, String layer, CamMethod method) {
        Map<String, Module> modules = model.namedModules();
        if (layer.isEmpty() || !modules.containsKey(layer)) {
            Set<String> available = new TreeSet<>(modules.keySet());
            available.remove("");
            throw new IllegalArgumentException("Grad-CAM: " + model.architecture() + " has no layer '" + layer
                    + "'; available layers: " + available);
        }
        this.model = model;
        this.layer = layer;
        this.method = method;
    }

    /** Grad-CAM on the model's {@linkplain #defaultLayer default layer}. */
    public static GradCam onDefaultLayer(Model model, CamMethod method) {
        return new GradCam(model, defaultLayer(model), method);
    }

    /**
     * The usual Grad-CAM layer of a seed architecture: {@link #GENRE_CNN_LAYER} for GenreCnn,
     * {@link #RESNET18_LAYER} for ResNet18.
     *
     * @throws IllegalArgumentException for other architectures (an MLP has no spatial layer)
     */
    public static String defaultLayer(Model model) {
        return switch (model.architecture()) {
            case GenreCnn.ARCHITECTURE -> GENRE_CNN_LAYER;
            case ResNet18.ARCHITECTURE -> RESNET18_LAYER;
            default -> throw new IllegalArgumentException("Grad-CAM: no default layer for architecture '"
                    + model.architecture() + "'; name a layer with a (batch, channels, height, width) output");
        };
    }

    /** The explained layer's module path. */
    public String layer() {
        return layer;
    }

    /** The channel weighting. */
    public CamMethod method() {
        return method;
    }

    /** Maps for the class each sample is predicted as. */
    public CamResult explainPredicted(Tensor inputs) {
        return explain(inputs, null);
    }

    /**
     * Maps of the true class, the predicted class, or both (one forward and backward pass each).
     *
     * @param inputs (N, C, H, W), not modified
     * @param labels (N) the true classes
     */
    public ClassMaps explain(Tensor inputs, int[] labels, ExplainedClass which) {
        CamResult trueClass = which.explainsTrue() ? explain(inputs, labels) : null;
        CamResult predictedClass = which.explainsPredicted() ? explain(inputs, null) : null;
        return new ClassMaps(trueClass, predictedClass);
    }

    /**
     * Maps of a batch for the given classes, in one forward and one backward pass. Must be called
     * with gradient recording on (not inside {@link Autograd#noGrad()}).
     *
     * @param inputs  (N, C, H, W), not modified
     * @param classes the class to explain for each sample (length N), or null for the predicted class
     * @return the maps (N, H, W), channel weights, classes, scores, probabilities and predictions
     * @throws IllegalArgumentException when the input is not 4-D, {@code classes} has another length
     *                                  than the batch or a class outside the model's range, or the
     *                                  layer's output is not (N, K, h, w)
     */
    public CamResult explain(Tensor inputs, int[] classes) {
        inputs.requireRank("Grad-CAM", 4, "(batch, channels, height, width)");
        int n = inputs.dim(0);
        if (classes != null) {
            requireClasses(classes, n);
        }
        if (!Autograd.isEnabled()) {
            throw new IllegalStateException("Grad-CAM needs gradients of the class scores; it was called inside "
                    + "Autograd.noGrad()");
        }
        try (EvaluationMode ignored = EvaluationMode.enter(model); MemoryScope scope = MemoryScope.open()) {
            // a fresh leaf, so that the graph reaches the layer even if no parameter required a gradient
            Tensor input = inputs.detach().requiresGrad(true);
            ForwardResult forward = model.forward(input, Set.of(layer));
            Tensor activation = forward.activation(layer);                           // (N, K, h, w)
            requireFeatureMaps(activation, n);
            Tensor logits = forward.output();                                        // (N, classes)
            int[] predictions = logits.argmaxLastAxis();
            int[] explained = (classes == null ? predictions : classes).clone();
            Tensor explainedScoreSum = logits.mul(oneHot(explained, logits)).sum(); // sum_n y_{n, c_n}
            Tensor gradient = Autograd.grad(explainedScoreSum, activation)[0];      // (N, K, h, w)
            try (Autograd.NoGradScope noGrad = Autograd.noGrad()) {
                return result(activation.detach(), gradient, logits.detach(), explained, predictions,
                        inputs.dim(2), inputs.dim(3));
            }
        }
    }

    /** Builds the maps from the layer's activation and gradient, both (N, K, h, w); keeps the result's tensors. */
    private CamResult result(Tensor activation, Tensor gradient, Tensor logits, int[] explained, int[] predictions,
                             int height, int width) {
        int n = activation.dim(0);
        Tensor weights = method.channelWeights(activation, gradient);    // (N, K, 1, 1)
        Tensor coarse = activation.mul(weights).sum(true, 1).relu();      // (N, 1, h, w)
        Tensor maps = UpsampleBilinear.apply(coarse, height, width).reshape(n, height, width); // (N, H, W)
        Tensor normalized = minMaxNormalized(maps);
        double[] scores = ClassColumns.select(logits, explained);
        double[] probabilities = ClassColumns.select(logits.softmax(-1), explained);
        return new CamResult(layer, method, maps.keep(), normalized.keep(),
                weights.reshape(n, activation.dim(1)).keep(), explained, scores, probabilities, predictions);
    }

    private void requireClasses(int[] classes, int batchSize) {
        if (classes.length != batchSize) {
            throw new IllegalArgumentException("Grad-CAM: " + classes.length + " classes for a batch of " + batchSize
                    + " samples; expected one class per sample");
        }
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] < 0 || classes[i] >= model.classes()) {
                throw new IllegalArgumentException("Grad-CAM: class " + classes[i] + " of sample " + i
                        + " is outside [0, " + model.classes() + ")");
            }
        }
    }

    private void requireFeatureMaps(Tensor activation, int batchSize) {
        if (activation.rank() != 4 || activation.dim(0) != batchSize) {
            throw new IllegalArgumentException("Grad-CAM: layer '" + layer + "' of " + model.architecture()
                    + " outputs shape " + activation.shape() + "; expected (" + batchSize
                    + ", channels, height, width) feature maps, e.g. the output of a convolution block");
        }
    }

    /** (N, classes) with a 1 at {@code [n, classes[n]]}. */
    private static Tensor oneHot(int[] classes, Tensor logits) {
        int classCount = logits.dim(1);
        double[] values = new double[classes.length * classCount];
        for (int i = 0; i < classes.length; i++) {
            values[i * classCount + classes[i]] = 1;
        }
        return Tensor.fromArray(logits.backend(), values, classes.length, classCount);
    }

    /** Each (H, W) plane scaled to [0, 1]: {@code (m - min) / max(max - min, NORMALIZATION_EPSILON)}. */
    private static Tensor minMaxNormalized(Tensor maps) {
        Tensor max = maps.max(true, 1, 2);              // (N, 1, 1)
        Tensor min = maps.neg().max(true, 1, 2).neg();  // (N, 1, 1)
        Tensor range = max.sub(min).clamp(NORMALIZATION_EPSILON, Double.MAX_VALUE);
        return maps.sub(min).div(range);
    }
}
