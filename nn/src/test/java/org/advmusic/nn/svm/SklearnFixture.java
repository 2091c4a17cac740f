package org.advmusic.nn.svm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** A fixture written by {@code src/test/resources/svm/make_svc_fixtures.py} from scikit-learn's SVC. */
record SklearnFixture(double[][] xTrain, int[] yTrain, double[][] xTest, List<Fit> fits) {

    /** What SVC(C, gamma).fit found and what it predicted on the test points. */
    record Fit(double c, double gamma, int[] classes, int[] support, int[] supportCounts, double[][] libsvmDualCoef,
               double[] libsvmIntercept, double[][] dualCoef, double[] intercept, int[] predictions,
               double[][] decisionOvo, double[][] decisionOvr) {
    }

    static SklearnFixture load(String name) {
        try (InputStream in = SklearnFixture.class.getResourceAsStream("/svm/svc-" + name + ".json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<Fit> fits = new ArrayList<>();
            for (JsonNode f : root.get("fits")) {
                fits.add(new Fit(f.get("C").asDouble(), f.get("gamma").asDouble(), ints(f.get("classes")),
                        ints(f.get("support")), ints(f.get("n_support")), matrix(f.get("libsvm_dual_coef")),
                        doubles(f.get("libsvm_intercept")), matrix(f.get("dual_coef")), doubles(f.get("intercept")),
                        ints(f.get("predict")), matrix(f.get("decision_ovo")),
                        f.has("decision_ovr") ? matrix(f.get("decision_ovr")) : null));
            }
            return new SklearnFixture(matrix(root.get("x_train")), ints(root.get("y_train")),
                    matrix(root.get("x_test")), fits);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double[][] matrix(JsonNode node) {
        double[][] out = new double[node.size()][];
        for (int r = 0; r < out.length; r++) {
            out[r] = doubles(node.get(r));
        }
        return out;
    }

    static double[] doubles(JsonNode node) {
        double[] out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).asDouble();
        }
        return out;
    }

    static int[] ints(JsonNode node) {
        int[] out = new int[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).asInt();
        }
        return out;
    }
}
