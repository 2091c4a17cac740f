package org.advmusic.audio.data;

/** Row selection on flat arrays, shared by the data set records. */
final class Rows {
    private Rows() {
    }

    /** Rows {@code indices} of a (N, width) array. */
    static float[] select(float[] values, int width, int[] indices) {
        float[] out = new float[indices.length * width];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(values, indices[i] * width, out, i * width, width);
        }
        return out;
    }

    static int[] select(int[] values, int[] indices) {
        int[] out = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = values[indices[i]];
        }
        return out;
    }

    static String[] select(String[] values, int[] indices) {
        String[] out = new String[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = values[indices[i]];
        }
        return out;
    }

    /** Checks that every per-sample array has {@code n} entries. */
    static void requireLength(String what, int length, int n) {
        if (length != n) {
            throw new IllegalArgumentException(what + " has " + length + " entries for " + n + " samples");
        }
    }
}
