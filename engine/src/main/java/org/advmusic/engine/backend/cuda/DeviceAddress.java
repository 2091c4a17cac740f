package org.advmusic.engine.backend.cuda;

import jcuda.driver.CUdeviceptr;

/**
 * A position in device memory: a block obtained from {@link DeviceRuntime#allocate} and a byte offset
 * into it. Kept apart from JCuda's offset pointers so that a runtime can tell which block an address
 * belongs to.
 */
record DeviceAddress(CUdeviceptr block, long byteOffset) {

    /** The address as a JCuda pointer, for driver and cuBLAS calls. */
    CUdeviceptr pointer() {
        return byteOffset == 0 ? block : block.withByteOffset(byteOffset);
    }
}
