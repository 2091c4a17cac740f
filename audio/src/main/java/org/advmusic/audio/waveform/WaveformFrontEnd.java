package org.advmusic.audio.waveform;

import java.util.Locale;
import org.advmusic.audio.dsp.HannWindow;
import org.advmusic.audio.dsp.PaddingMode;
import org.advmusic.audio.features.DecibelReference;
import org.advmusic.audio.features.FrontEndSettings;
import org.advmusic.audio.features.SegmentSettings;
import org.advmusic.engine.StftPlan;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.ops.ProjectedPowerStft;

/**
 * The differentiable log-mel front end: the computation of the offline
 * {@link org.advmusic.audio.features.LogMelSegmenter}, written with engine operations so that
 * gradients reach the waveform. Per track: the first k whole segments (k from {@link SegmentSettings},
 * a remainder dropped), each framed on its own with centred zero padding and the periodic Hann window,
 * the power STFT projected by the Slaney mel filterbank ({@link ProjectedPowerStft}),
 * {@code power_to_db} (amin floor, the data set's reference rule, the top_db floor), and the fixed
 * dB-to-[0, 1] map with its clip. The track-level maximum of the reference rule is a max over the
 * whole track inside the graph, so an attack sees how moving the loudest bin moves every input.
 * Immutable and thread-safe.
 */
public final class WaveformFrontEnd {
    private static final double DECIBELS_PER_NEPER = 10 / Math.log(10); // 10 log10(p) = DECIBELS_PER_NEPER ln(p)

    private final FrontEndSettings frontEnd;
    private final SegmentSettings segments;
    private final StftPlan stft;
    private final double[] melFilters; // (mels, bins) row-major
    private final int frames;

    /**
     * @throws IllegalArgumentException for settings the graph does not reproduce (no centring, or
     *                                  reflect padding), naming them
     */
    public WaveformFrontEnd(FrontEndSettings frontEnd, SegmentSettings segments) {
        if (!frontEnd.center() || frontEnd.padding() != PaddingMode.ZERO) {
            throw new IllegalArgumentException("waveform front end: needs center=True with zero padding (librosa >= 0.9); "
                    + "got center=" + frontEnd.center() + ", padding " + frontEnd.padding());
        }
        this.frontEnd = frontEnd;
        this.segments = segments;
        this.stft = new StftPlan(HannWindow.periodic(frontEnd.fftSize()), frontEnd.hopLength(), true);
        this.melFilters = frontEnd.filterbank().matrix();
        this.frames = stft.frames(segments.segmentSamples());
    }

    /** The librosa defaults with 3 s segments, track-maximum reference and [-80, 0] dB -> [0, 1]. */
    public static WaveformFrontEnd defaults() {
        return new WaveformFrontEnd(FrontEndSettings.librosaDefaults(), SegmentSettings.defaults());
    }

    /** The spectral settings. */
    public FrontEndSettings frontEnd() {
        return frontEnd;
    }

    /** The segmentation, reference rule and dB map. */
    public SegmentSettings segments() {
        return segments;
    }

    /** Segments a track of {@code samples} samples gives (at least 1, else {@link #modelInputs} refuses it). */
    public int segmentsPerTrack(int samples) {
        return segments.segmentCount(samples);
    }

    /**
     * The model inputs of every track, as the offline segmenter makes them.
     *
     * @param tracks (N, samples) waveforms at the front end's sample rate, all of one length
     * @return (N k, 1, mels, frames) in [0, 1], track-major (the k segments of track 0 first),
     *         differentiable with respect to {@code tracks}
     * @throws IllegalArgumentException when the tracks are shorter than one segment (naming both lengths)
     */
    public Tensor modelInputs(Tensor tracks) {
        tracks.requireRank("waveform front end", 2, "(tracks, samples)");
        int n = tracks.dim(0);
        int samples = tracks.dim(1);
        int k = segmentsPerTrack(samples);
        int segmentSamples = segments.segmentSamples();
        if (k == 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "waveform front end: tracks of %d samples (%.2f s) are shorter than one segment of %d samples "
                            + "(%.2f s at %d Hz)", samples, samples / (double) frontEnd.sampleRate(), segmentSamples,
                    segmentSamples / (double) frontEnd.sampleRate(), frontEnd.sampleRate()));
        }
        int mels = frontEnd.melBands();
        Tensor whole = k * segmentSamples == samples ? tracks : tracks.narrow(1, 0, k * segmentSamples);
        // (N, k S) -> (N k, S) -> (N k, mels, frames)
        Tensor filters = Tensor.fromArray(tracks.backend(), melFilters, mels, stft.bins());
        Tensor melPower = ProjectedPowerStft.apply(whole.reshape(n * k, segmentSamples), stft, filters);
        // 10 log10(max(amin, P)), before the reference is subtracted
        Tensor level = melPower.clamp(frontEnd.amin(), Double.POSITIVE_INFINITY).log().mul(DECIBELS_PER_NEPER);
        Tensor decibels = relativeToReference(level, n, k).reshape(n * k, 1, mels, frames);
        double low = segments.mapping().minDecibels();
        double range = segments.mapping().rangeDecibels();
        return decibels.sub(low).mul(1 / range).clamp(0, 1);
    }

    /**
     * {@code power_to_db}'s reference and top_db floor: {@code max(level - ref, max(level - ref) - topDb)}
     * over the track (or the segment, for {@link DecibelReference#SEGMENT_MAXIMUM}).
     *
     * @param level (N k, mels, frames) unreferenced dB
     * @return (groups, values) where groups is N, or N k per segment
     */
    private Tensor relativeToReference(Tensor level, int n, int k) {
        double topDb = frontEnd.topDb();
        boolean perSegment = segments.reference() == DecibelReference.SEGMENT_MAXIMUM;
        Tensor grouped = level.reshape(perSegment ? n * k : n, -1);
        if (segments.reference() == DecibelReference.UNIT) {
            // the reference is 1 (0 dB): floor at the track's maximum - topDb, max(d, f) = relu(d - f) + f
            Tensor floor = grouped.max(true, 1).sub(topDb);
            return Double.isFinite(topDb) ? grouped.sub(floor).relu().add(floor) : grouped;
        }
        // the maximum is the reference, so max(level - ref) is exactly 0 and the floor is -topDb
        Tensor relative = grouped.sub(grouped.max(true, 1));
        return Double.isFinite(topDb) ? relative.clamp(-topDb, Double.POSITIVE_INFINITY) : relative;
    }

    @Override
    public String toString() {
        return "waveform front end (" + frontEnd + "; " + segments + ")";
    }
}
