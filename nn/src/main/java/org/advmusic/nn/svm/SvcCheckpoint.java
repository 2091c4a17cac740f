package org.advmusic.nn.svm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Backends;
import org.advmusic.engine.DType;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.io.Safetensors;
import org.advmusic.nn.checkpoint.CheckpointException;

/**
 * A trained SVC with what it needs to classify raw features, stored as safetensors in
 * scikit-learn's layout (float64): tensors {@code support_vectors} (nSV, F), {@code dual_coef}
 * (K-1, nSV), {@code intercept} (K(K-1)/2), {@code n_support} (K) and {@code support} (nSV, the
 * training rows), {@code probA} and {@code probB} (K(K-1)/2, only for a model with Platt
 * probabilities, libsvm's values as scikit-learn's {@code probA_}, {@code probB_}), with
 * scikit-learn's public sign convention (for two classes both
 * {@code dual_coef} and {@code intercept} are negated, so that positive means the second class);
 * metadata {@code C}, {@code gamma}, {@code classes} (names, in order), {@code class_labels},
 * {@code feature_names}, {@code scaler_mean} and {@code scaler_scale} (JSON arrays; doubles written
 * so that they read back exactly).
 *
 * @param model        the trained classifier (on standardised features)
 * @param classNames   (K) the name of each class, in the model's class order
 * @param featureNames (F) the raw features' names
 * @param scaler       the z-score fitted on the training split
 */
public record SvcCheckpoint(SvcModel model, List<String> classNames, List<String> featureNames, FeatureScaler scaler) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public SvcCheckpoint {
        classNames = List.copyOf(classNames);
        featureNames = List.copyOf(featureNames);
        if (classNames.size() != model.classCount()) {
            throw new IllegalArgumentException(classNames.size() + " class names " + classNames + " for an SVC of "
                    + model.classCount() + " classes");
        }
        if (featureNames.size() != model.featureCount() || scaler.mean().length != model.featureCount()) {
            throw new IllegalArgumentException(featureNames.size() + " feature names and a scaler of "
                    + scaler.mean().length + " features for an SVC of " + model.featureCount() + " features");
        }
    }

    /** The predicted class name for one raw (unstandardised) feature row (F). */
    public String predictName(double[] rawFeatures) {
        return classNames.get(model.predictPosition(scaler.apply(rawFeatures)));
    }

    /** Writes the checkpoint to {@code file} (atomically). */
    public void save(Path file) throws IOException {
        Backend backend = Backends.reference();
        int k = model.classCount();
        double sign = k == 2 ? -1 : 1;
        double[][] coefficients = model.dualCoefficients();
        double[] dual = new double[(k - 1) * model.supportVectors().length];
        int n = 0;
        for (double[] row : coefficients) {
            for (double v : row) {
                dual[n++] = sign * v;
            }
        }
        double[] intercept = new double[model.rho().length];
        for (int p = 0; p < intercept.length; p++) {
            intercept[p] = -sign * model.rho()[p];
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("support_vectors", Tensor.fromArray(backend, flatten(model.supportVectors()),
                model.supportVectors().length, model.featureCount()));
        tensors.put("dual_coef", Tensor.fromArray(backend, dual, k - 1, model.supportVectors().length));
        tensors.put("intercept", Tensor.fromArray(backend, intercept, intercept.length));
        tensors.put("n_support", Tensor.fromArray(backend, toDoubles(model.supportCounts()), k));
        tensors.put("support", Tensor.fromArray(backend, toDoubles(model.supportIndices()),
                model.supportIndices().length));
        if (model.hasProbabilities()) {
            tensors.put("probA", Tensor.fromArray(backend, model.probA().clone(), model.probA().length));
            tensors.put("probB", Tensor.fromArray(backend, model.probB().clone(), model.probB().length));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "advmusic-svc");
        metadata.put("kernel", "rbf");
        metadata.put("C", Double.toString(model.c()));
        metadata.put("gamma", Double.toString(model.gamma()));
        metadata.put("classes", JSON.writeValueAsString(classNames));
        metadata.put("class_labels", JSON.writeValueAsString(model.classes()));
        metadata.put("feature_names", JSON.writeValueAsString(featureNames));
        metadata.put("scaler_mean", JSON.writeValueAsString(scaler.mean()));
        metadata.put("scaler_scale", JSON.writeValueAsString(scaler.scale()));
        Safetensors.write(file, tensors, metadata, DType.F64);
    }

    /**
     * Reads a checkpoint written by {@link #save}.
     *
     * @throws CheckpointException naming the file and the missing or inconsistent entry
     */
    public static SvcCheckpoint load(Path file) throws IOException {
        Safetensors.Contents contents = Safetensors.readContents(file);
        Map<String, String> meta = contents.metadata();
        try {
            int[] counts = toInts(tensor(file, contents, "n_support").values());
            int k = counts.length;
            double sign = k == 2 ? -1 : 1;
            Safetensors.StoredTensor svTensor = tensor(file, contents, "support_vectors");
            int s = svTensor.shape().dims()[0];
            int f = svTensor.shape().rank() > 1 ? svTensor.shape().dims()[1] : 0;
            double[][] supportVectors = new double[s][f];
            for (int v = 0; v < s; v++) {
                System.arraycopy(svTensor.values(), v * f, supportVectors[v], 0, f);
            }
            double[] dual = tensor(file, contents, "dual_coef").values();
            if (dual.length != (k - 1) * s) {
                throw new CheckpointException(file, "dual_coef has " + dual.length + " values, expected "
                        + (k - 1) + " x " + s);
            }
            double[][] coefficients = new double[k - 1][s];
            for (int r = 0; r < k - 1; r++) {
                for (int v = 0; v < s; v++) {
                    coefficients[r][v] = sign * dual[r * s + v];
                }
            }
            double[] intercept = tensor(file, contents, "intercept").values();
            double[] rho = new double[intercept.length];
            for (int p = 0; p < rho.length; p++) {
                rho[p] = -sign * intercept[p];
            }
            SvcModel model = new SvcModel(JSON.readValue(required(file, meta, "class_labels"), int[].class), supportVectors,
                    toInts(tensor(file, contents, "support").values()), counts, coefficients, rho,
                    Double.parseDouble(required(file, meta, "C")), Double.parseDouble(required(file, meta, "gamma")),
                    optional(contents, "probA"), optional(contents, "probB"));
            FeatureScaler scaler = new FeatureScaler(JSON.readValue(required(file, meta, "scaler_mean"), double[].class),
                    JSON.readValue(required(file, meta, "scaler_scale"), double[].class));
            return new SvcCheckpoint(model, strings(file, meta, "classes"), strings(file, meta, "feature_names"), scaler);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new CheckpointException(file, "not a valid SVC checkpoint: " + e.getMessage(), e);
        }
    }

    private static Safetensors.StoredTensor tensor(Path file, Safetensors.Contents contents, String name)
            throws CheckpointException {
        Safetensors.StoredTensor t = contents.tensors().get(name);
        if (t == null) {
            throw new CheckpointException(file, "SVC checkpoint has no tensor '" + name + "'; found "
                    + contents.tensors().keySet());
        }
        return t;
    }

    /** The values of an optional tensor, or null. */
    private static double[] optional(Safetensors.Contents contents, String name) {
        Safetensors.StoredTensor t = contents.tensors().get(name);
        return t == null ? null : t.values();
    }

    private static String required(Path file, Map<String, String> meta, String key) throws CheckpointException {
        String value = meta.get(key);
        if (value == null) {
            throw new CheckpointException(file, "SVC checkpoint metadata has no '" + key + "'; found " + meta.keySet());
        }
        return value;
    }

    private static List<String> strings(Path file, Map<String, String> meta, String key) throws IOException {
        return JSON.readValue(required(file, meta, key), new TypeReference<List<String>>() { });
    }

    private static double[] flatten(double[][] rows) {
        int width = rows.length == 0 ? 0 : rows[0].length;
        double[] out = new double[rows.length * width];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, out, r * width, width);
        }
        return out;
    }

    private static double[] toDoubles(int[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    private static int[] toInts(double[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (int) values[i];
        }
        return out;
    }
}
