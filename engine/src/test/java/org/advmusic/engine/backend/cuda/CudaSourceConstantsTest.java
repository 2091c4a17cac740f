package org.advmusic.engine.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.TreeMap;
import org.advmusic.engine.BinaryOp;
import org.advmusic.engine.RandomDistribution;
import org.advmusic.engine.ReduceOp;
import org.advmusic.engine.UnaryOp;
import org.junit.jupiter.api.Test;

/**
 * The numbers the Java side and the CUDA sources must agree on: operation codes (the kernels switch
 * on the Java enums' ordinals) and launch geometry constants.
 */
class CudaSourceConstantsTest {

    private static <E extends Enum<E>> Map<String, Integer> ordinals(Class<E> type) {
        Map<String, Integer> m = new TreeMap<>();
        for (E e : type.getEnumConstants()) {
            m.put(e.name(), e.ordinal());
        }
        return m;
    }

    @Test
    void operationCodesAreTheJavaOrdinals() {
        assertEquals(ordinals(UnaryOp.class), CudaSources.enumCodes("elementwise.cu", "UNARY_"), "UnaryOp vs elementwise.cu");
        assertEquals(ordinals(BinaryOp.class), CudaSources.enumCodes("elementwise.cu", "BINARY_"), "BinaryOp vs elementwise.cu");
        assertEquals(ordinals(ReduceOp.class), CudaSources.enumCodes("reduce.cu", "REDUCE_"), "ReduceOp vs reduce.cu");
        assertEquals(ordinals(RandomDistribution.class), CudaSources.enumCodes("random.cu", "RANDOM_"),
                "RandomDistribution vs random.cu");
    }

    @Test
    void launchGeometryMatchesTheKernels() {
        assertEquals(LaunchShape.ELEMENT_BLOCK, CudaSources.define("common.cuh", "ADVMUSIC_BLOCK"));
        assertEquals(CollapsedIndex.MAX_RANK, CudaSources.define("common.cuh", "ADVMUSIC_MAX_RANK"));
        assertEquals(CudaBackend.REDUCE_BLOCK, CudaSources.define("reduce.cu", "REDUCE_BLOCK"));
        assertEquals(CudaBackend.STATISTICS_BLOCK, CudaSources.define("batchnorm.cu", "STATISTICS_BLOCK"));
        assertEquals(CudaBackend.SLICES_PER_BLOCK, CudaSources.define("softmax.cu", "SLICES_PER_BLOCK"));
        assertEquals(CudaBackend.WARP, CudaSources.define("softmax.cu", "WARP"));
        assertEquals(TiledSgemm.TILE, CudaSources.define("gemm.cu", "TILE"));
        assertEquals(TiledSgemm.THREADS_PER_SIDE, CudaSources.define("gemm.cu", "THREADS_PER_SIDE"));
    }
}
