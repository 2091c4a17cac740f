package org.advmusic.nn.explain;

import org.advmusic.engine.Tensor;

/**
 * How a class-activation map weighs the channels of the explained layer. Both methods turn the
 * layer's activation {@code A} and the gradient {@code g = d y_c / d A} of the class score
 * {@code y_c} (before softmax) into one weight {@code w_k} per channel; the map is then
 * {@code ReLU(sum_k w_k A_k)}.
 */
public enum CamMethod {

    /**
     * Grad-CAM (Selvaraju et al. 2017): {@code w_k = mean_ij g_k[i, j]}, the gradient averaged over
     * the channel's positions.
     */
    GRAD_CAM("grad-cam") {
        @Override
        Tensor channelWeights(Tensor activation, Tensor gradient) {
            return gradient.mean(true, 2, 3); // (N, K, h, w) -> (N, K, 1, 1)
        }
    },

    /**
     * Grad-CAM++ (Chattopadhay et al. 2018) in its closed form for an exponential score
     * {@code S = exp(y_c)}, where the second and third derivatives of {@code S} are powers of the
     * first-order gradient {@code g}:
     *
     * <pre>{@code
     * alpha_k[i, j] = g_k[i, j]^2 / (2 g_k[i, j]^2 + (sum_ab A_k[a, b]) g_k[i, j]^3)   (0 where the denominator is 0)
     * w_k           = sum_ij alpha_k[i, j] ReLU(g_k[i, j])
     * }</pre>
     *
     * The paper's weights carry a further factor {@code exp(y_c)} per sample; like the authors' code
     * and pytorch-grad-cam it is left out, which scales each sample's raw map by a constant and leaves
     * the normalised map unchanged.
     */
    GRAD_CAM_PLUS_PLUS("grad-cam++") {
        @Override
        Tensor channelWeights(Tensor activation, Tensor gradient) {
            Tensor squared = gradient.mul(gradient);
            Tensor cubed = squared.mul(gradient);
            Tensor activationSum = activation.sum(true, 2, 3);                    // (N, K, 1, 1)
            Tensor denominator = squared.mul(2).add(cubed.mul(activationSum));    // (N, K, h, w)
            Tensor zero = Tensor.zerosLike(denominator);
            Tensor isZero = denominator.eq(zero);
            Tensor safeDenominator = Tensor.where(isZero, Tensor.onesLike(denominator), denominator);
            Tensor alpha = Tensor.where(isZero, zero, squared.div(safeDenominator));
            return alpha.mul(gradient.relu()).sum(true, 2, 3);                    // -> (N, K, 1, 1)
        }
    };

    private final String label;

    CamMethod(String label) {
        this.label = label;
    }

    /** The name used in results and on the command line, e.g. {@code "grad-cam++"}. */
    public String label() {
        return label;
    }

    /**
     * The weight of every channel; called without gradient recording.
     *
     * @param activation the layer's output {@code A}, (N, K, h, w)
     * @param gradient   {@code d y_c / d A}, (N, K, h, w)
     * @return (N, K, 1, 1)
     */
    abstract Tensor channelWeights(Tensor activation, Tensor gradient);
}
