package org.advmusic.engine.backend.reference;

import java.util.Arrays;
import org.advmusic.engine.DeviceBuffer;
import org.advmusic.engine.FusedKernels;
import org.advmusic.engine.StftPlan;

/**
 * The reference backend's fused kernels: the composed defaults of {@link FusedKernels}, except the
 * power STFT and its adjoint, written as the plain DFT in float64 (O(n^2) per frame, the textbook
 * sums): the oracle of the CPU backend's FFT and of the default matrix-product composition.
 */
final class ReferenceFusedKernels implements FusedKernels {
    private final ReferenceBackend backend;

    ReferenceFusedKernels(ReferenceBackend backend) {
        this.backend = backend;
    }

    @Override
    public ReferenceBackend primitives() {
        return backend;
    }

    // the plain DFT in float64: X[k] = sum_j w[j] x[t hop + j - pad] (cos(2 pi k j / n) - i sin(2 pi k j / n))
    @Override
    public void powerStft(StftPlan plan, int length, DeviceBuffer signal, DeviceBuffer spectrum, DeviceBuffer power,
                          int batch) {
        double[] x = backend.d(signal, "powerStft");
        double[] s = backend.d(spectrum, "powerStft");
        double[] p = backend.d(power, "powerStft");
        int n = plan.frameLength();
        int bins = plan.bins();
        int frames = plan.frames(length);
        double[] cos = unitCircle(n, true);
        double[] sin = unitCircle(n, false);
        double[] frame = new double[n];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < frames; t++) {
                for (int j = 0; j < n; j++) {
                    int index = plan.sourceIndex(t, j, length);
                    frame[j] = index < 0 ? 0 : plan.window(j) * x[b * length + index];
                }
                for (int k = 0; k < bins; k++) {
                    double re = 0;
                    double im = 0;
                    for (int j = 0; j < n; j++) {
                        int m = (int) (((long) k * j) % n); // angle 2 pi m / n, reduced first: exact
                        re += frame[j] * cos[m];
                        im -= frame[j] * sin[m];
                    }
                    s[((b * 2) * bins + k) * frames + t] = re;
                    s[((b * 2 + 1) * bins + k) * frames + t] = im;
                    p[(b * bins + k) * frames + t] = re * re + im * im;
                }
            }
        }
    }

    // dL/dx[t hop + j - pad] += w[j] sum_k 2 dL/dP[k, t] (re[k, t] cos(2 pi k j / n) - im[k, t] sin(2 pi k j / n))
    @Override
    public void powerStftBackward(StftPlan plan, int length, DeviceBuffer spectrum, DeviceBuffer gradPower,
                                  DeviceBuffer gradSignal, int batch) {
        double[] s = backend.d(spectrum, "powerStftBackward");
        double[] g = backend.d(gradPower, "powerStftBackward");
        double[] gx = backend.d(gradSignal, "powerStftBackward");
        int n = plan.frameLength();
        int bins = plan.bins();
        int frames = plan.frames(length);
        double[] cos = unitCircle(n, true);
        double[] sin = unitCircle(n, false);
        Arrays.fill(gx, 0, batch * length, 0.0);
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < frames; t++) {
                for (int j = 0; j < n; j++) {
                    int index = plan.sourceIndex(t, j, length);
                    if (index < 0) {
                        continue;
                    }
                    double sum = 0;
                    for (int k = 0; k < bins; k++) {
                        int m = (int) (((long) k * j) % n);
                        double gradient = 2 * g[(b * bins + k) * frames + t];
                        sum += gradient * (s[((b * 2) * bins + k) * frames + t] * cos[m]
                                - s[((b * 2 + 1) * bins + k) * frames + t] * sin[m]);
                    }
                    gx[b * length + index] += plan.window(j) * sum;
                }
            }
        }
    }

    /** {@code cos(2 pi m / n)} (or {@code sin}) for {@code m < n}. */
    private static double[] unitCircle(int n, boolean cosine) {
        double[] values = new double[n];
        for (int m = 0; m < n; m++) {
            values[m] = cosine ? Math.cos(2 * Math.PI * m / n) : Math.sin(2 * Math.PI * m / n);
        }
        return values;
    }
}
