package org.advmusic.nn.layers;

import org.advmusic.engine.Backend;

/** Batch normalisation of {@code (N, C)} features or {@code (N, C, L)} sequences (see {@link AbstractBatchNorm}). */
public final class BatchNorm1d extends AbstractBatchNorm {

    /** @param features C */
    public BatchNorm1d(Backend backend, int features) {
        super(backend, features);
    }

    @Override
    protected boolean acceptsRank(int rank) {
        return rank == 2 || rank == 3;
    }

    @Override
    protected String layout() {
        return "(N, C) or (N, C, L)";
    }
}
