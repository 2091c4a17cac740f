package org.advmusic.defenses.squeezing;

import org.advmusic.nn.Model;
import org.advmusic.nn.train.BatchTransform;
import org.advmusic.nn.train.LabeledData;

/** Trains on squeezed inputs (the seeds' "trained with 5-bit squeezing" models): a batch hook. */
public final class SqueezingTraining implements BatchTransform {
    private final Squeezer squeezer;

    public SqueezingTraining(Squeezer squeezer) {
        this.squeezer = squeezer;
    }

    @Override
    public LabeledData transform(Model model, LabeledData batch, long step) {
        return new LabeledData(squeezer.apply(batch.inputs()), batch.labels());
    }
}
