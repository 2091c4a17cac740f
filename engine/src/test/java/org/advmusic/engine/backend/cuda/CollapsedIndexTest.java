package org.advmusic.engine.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.advmusic.engine.Shape;
import org.junit.jupiter.api.Test;

/** Merging of broadcast and permutation axes keeps every element's operand offsets. */
class CollapsedIndexTest {

    /** Offsets of every output element, by the row-major odometer over (dims, strides). */
    private static int[] offsets(int[] dims, int[] strides) {
        int size = 1;
        for (int d : dims) {
            size *= d;
        }
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            int remaining = i;
            int offset = 0;
            for (int d = dims.length - 1; d >= 0; d--) {
                offset += remaining % dims[d] * strides[d];
                remaining /= dims[d];
            }
            out[i] = offset;
        }
        return out;
    }

    private static void assertSameOffsets(Shape a, Shape b, Shape out) {
        int[] sa = a.broadcastStrides(out);
        int[] sb = b.broadcastStrides(out);
        CollapsedIndex index = CollapsedIndex.of(out.dims(), sa, sb);
        assertArrayEquals(offsets(out.dims(), sa), offsets(index.dims(), index.strides(0)), a + " to " + out);
        assertArrayEquals(offsets(out.dims(), sb), offsets(index.dims(), index.strides(1)), b + " to " + out);
    }

    @Test
    void broadcastOffsetsAreUnchanged() {
        assertSameOffsets(Shape.of(2, 3, 4, 5), Shape.of(1, 3, 1, 1), Shape.of(2, 3, 4, 5));
        assertSameOffsets(Shape.of(3, 1), Shape.of(2, 3, 4), Shape.of(2, 3, 4));
        assertSameOffsets(Shape.of(1, 3, 4), Shape.of(2, 1, 1), Shape.of(2, 3, 4));
        assertSameOffsets(Shape.scalar(), Shape.of(6, 1, 7), Shape.of(6, 1, 7));
        assertSameOffsets(Shape.of(2, 1, 3, 1, 4), Shape.of(1, 5, 1, 6, 1), Shape.of(2, 5, 3, 6, 4));
    }

    @Test
    void contiguousOperandsCollapseToOneAxis() {
        Shape s = Shape.of(2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        CollapsedIndex index = CollapsedIndex.of(s.dims(), s.strides(), s.strides());
        assertEquals(1, index.rank());
        assertTrue(index.isContiguous());
        assertFalse(CollapsedIndex.of(new int[] {4}, new int[] {0}).isContiguous(), "a broadcast scalar is not contiguous");
    }

    @Test
    void aBiasOverNchwBecomesThreeAxes() {
        Shape out = Shape.of(8, 16, 12, 10);
        CollapsedIndex index = CollapsedIndex.of(out.dims(), out.strides(), Shape.of(1, 16, 1, 1).broadcastStrides(out));
        assertArrayEquals(new int[] {8, 16, 120}, index.dims());
        assertArrayEquals(new int[] {0, 1, 0}, index.strides(1));
    }

    @Test
    void permutationOffsetsAreUnchanged() {
        Shape in = Shape.of(2, 3, 4, 5);
        int[] axes = {0, 2, 3, 1};
        int[] dims = new int[4];
        int[] strides = new int[4];
        for (int i = 0; i < 4; i++) {
            dims[i] = in.dim(axes[i]);
            strides[i] = in.strides()[axes[i]];
        }
        CollapsedIndex index = CollapsedIndex.of(dims, strides);
        assertEquals(3, index.rank(), "axes 2 and 3 stay neighbours and merge");
        assertArrayEquals(offsets(dims, strides), offsets(index.dims(), index.strides(0)));
    }

    @Test
    void packingPadsToTheMaximumRankAndRejectsMore() {
        int[] packed = CollapsedIndex.of(new int[] {3, 4}, new int[] {1, 3}).packed("test");
        assertEquals(1 + 3 * CollapsedIndex.MAX_RANK, packed.length, "rank, dims and two operands' strides");
        assertArrayEquals(new int[] {2, 3, 4}, Arrays.copyOf(packed, 3));
        assertEquals(1, packed[1 + CollapsedIndex.MAX_RANK]);
        assertEquals(3, packed[2 + CollapsedIndex.MAX_RANK]);

        int[] dims = {2, 2, 2, 2, 2, 2, 2, 2, 2};
        int[] strides = {1, 2, 4, 8, 16, 32, 64, 128, 256}; // a full reversal: nothing merges
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CollapsedIndex.of(dims, strides).packed("permute"));
        assertTrue(e.getMessage().contains("rank 9"), e.getMessage());
    }
}
