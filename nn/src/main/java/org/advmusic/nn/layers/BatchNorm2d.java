package org.advmusic.nn.layers;

import org.advmusic.engine.Backend;

/** Batch normalisation of {@code (N, C, H, W)} feature maps per channel (see {@link AbstractBatchNorm}). */
public final class BatchNorm2d extends AbstractBatchNorm {

    /** @param channels C */
    public BatchNorm2d(Backend backend, int channels) {
        super(backend, channels);
    }

    @Override
    protected boolean acceptsRank(int rank) {
        return rank == 4;
    }

    @Override
    protected String layout() {
        return "(N, C, H, W)";
    }
}
