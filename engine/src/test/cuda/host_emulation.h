// Just enough of CUDA's device-side language to compile the kernels of engine/src/main/cuda as
// ordinary C++ and run them on the CPU (see kernel_emulator.cpp). Each thread of a block is a host
// thread with its own threadIdx; blocks run one after another, so __shared__ variables can be
// function-local statics. __syncthreads is a barrier over the block's live threads, and warp shuffles
// exchange values through a block-wide table between two such barriers. This checks the kernels'
// arithmetic and indexing, not their speed or GPU-specific behaviour (memory model, real warps).
#pragma once

#include <math.h>
#include <cmath>
#include <cstdint>
#include <algorithm>

struct dim3 {
    unsigned x = 1, y = 1, z = 1;
};

inline thread_local dim3 threadIdx;
inline thread_local dim3 blockIdx;
inline dim3 blockDim;
inline dim3 gridDim;

#define __global__
#define __device__
#define __host__
#define __forceinline__ inline
#define __shared__ static
#define __launch_bounds__(...)

using std::max;
using std::min;

// The double intrinsics that forbid fusing: on the host every operation is rounded anyway.
inline double __dadd_rn(double a, double b) { return a + b; }
inline double __dsub_rn(double a, double b) { return a - b; }
inline double __dmul_rn(double a, double b) { return a * b; }

namespace emulation {
/** Waits until every live thread of the current block has arrived (defined in kernel_emulator.cpp). */
void sync_block();
/** Publishes this thread's value and returns the value of thread (own index ^ lane_mask). */
double exchange(double value, int lane_mask);
}

inline void __syncthreads() { emulation::sync_block(); }

template <typename T>
inline T __shfl_xor_sync(unsigned /*mask*/, T value, int lane_mask) {
    return static_cast<T>(emulation::exchange(static_cast<double>(value), lane_mask));
}
