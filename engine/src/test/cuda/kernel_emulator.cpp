// kernel_emulator: runs the advmusic CUDA kernels (engine/src/main/cuda) on the CPU, so that the
// CUDA backend can be tested on machines without a GPU (EmulatedDeviceRuntime drives it). Built by
// the tests with g++ and AddressSanitizer / UndefinedBehaviorSanitizer, so an out-of-bounds access
// or an overflowing index in a kernel stops the run with a report.
//
// Requests on stdin and replies on stdout, little-endian, strictly one at a time:
//   'A' i64 bytes                                          -> 'K' i32 id       allocate
//   'F' i32 id                                             -> 'K'              free
//   'U' i32 id i64 offset i64 count u8[count]              -> 'K'              upload
//   'D' i32 id i64 offset i64 count                        -> 'K' u8[count]    download
//   'C' i32 from i64 offset i32 to i64 offset i64 count    -> 'K'              device-to-device copy
//   'M' i32 id i64 offset i64 words i32 bits               -> 'K'              32-bit memset
//   'L' i32 length u8[length] name, i32 grid x y z, i32 block x y, i32 argc, arguments -> 'K'   launch
//       argument: 'P' i32 id i64 offset | 'i' i32 | 'f' f32 | 'd' f64 | 'l' i64 | 'S' i32 size u8[size]
//   'Q'                                                    -> exit
// A request that fails is answered 'E' i32 length u8[length] message; the emulator keeps serving.
#include "host_emulation.h"

#include "batchnorm.cu"
#include "copy.cu"
#include "elementwise.cu"
#include "gemm.cu"
#include "im2col.cu"
#include "pooling.cu"
#include "random.cu"
#include "reduce.cu"
#include "softmax.cu"
#include "upsample.cu"

#include <barrier>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace {

// ------------------------------------------------------------------ I/O

void read_exactly(void *target, size_t bytes) {
    if (bytes > 0 && std::fread(target, 1, bytes, stdin) != bytes) {
        std::exit(0); // the test JVM closed the pipe
    }
}

template <typename T>
T read_value() {
    T value;
    read_exactly(&value, sizeof(T));
    return value;
}

void write_bytes(const void *source, size_t bytes) {
    std::fwrite(source, 1, bytes, stdout);
}

template <typename T>
void write_value(T value) {
    write_bytes(&value, sizeof(T));
}

// ------------------------------------------------------------------ memory

/** One allocation, exactly as large as requested so that the sanitizer sees any overrun. */
struct Buffer {
    std::unique_ptr<unsigned char[]> data;
    int64_t size;
};

std::map<int32_t, Buffer> buffers;
int32_t next_buffer_id = 1;

unsigned char *address(int32_t id, int64_t offset, int64_t count) {
    auto it = buffers.find(id);
    if (it == buffers.end()) {
        throw std::runtime_error("no buffer " + std::to_string(id));
    }
    if (offset < 0 || count < 0 || offset + count > it->second.size) {
        throw std::runtime_error("bytes [" + std::to_string(offset) + ", " + std::to_string(offset + count)
                                 + ") are outside buffer " + std::to_string(id) + " of "
                                 + std::to_string(it->second.size) + " bytes");
    }
    return it->second.data.get() + offset;
}

// ------------------------------------------------------------------ kernel arguments

struct Argument {
    char tag;
    int32_t int32 = 0;
    float float32 = 0;
    double float64 = 0;
    int64_t int64 = 0;
    void *pointer = nullptr;
    std::vector<unsigned char> bytes;
};

Argument read_argument() {
    Argument a;
    a.tag = read_value<char>();
    switch (a.tag) {
        case 'P': {
            int32_t id = read_value<int32_t>();
            int64_t offset = read_value<int64_t>();
            a.pointer = address(id, offset, 0);
            break;
        }
        case 'i': a.int32 = read_value<int32_t>(); break;
        case 'f': a.float32 = read_value<float>(); break;
        case 'd': a.float64 = read_value<double>(); break;
        case 'l': a.int64 = read_value<int64_t>(); break;
        case 'S': {
            a.bytes.resize(read_value<int32_t>());
            read_exactly(a.bytes.data(), a.bytes.size());
            break;
        }
        default: throw std::runtime_error(std::string("unknown argument tag ") + a.tag);
    }
    return a;
}

[[noreturn]] void wrong_argument(const std::string &kernel, size_t index, const char *expected, char got) {
    throw std::runtime_error(kernel + ": argument " + std::to_string(index) + " should be " + expected
                             + " but the Java side passed tag '" + got + "'");
}

/** The argument as the kernel's parameter type T, checking that the Java side sent that type. */
template <typename T>
T convert(const Argument &a, const std::string &kernel, size_t index) {
    if constexpr (std::is_pointer_v<T>) {
        if (a.tag != 'P') wrong_argument(kernel, index, "a device pointer", a.tag);
        return reinterpret_cast<T>(a.pointer);
    } else if constexpr (std::is_same_v<T, int>) {
        if (a.tag != 'i') wrong_argument(kernel, index, "an int", a.tag);
        return a.int32;
    } else if constexpr (std::is_same_v<T, float>) {
        if (a.tag != 'f') wrong_argument(kernel, index, "a float", a.tag);
        return a.float32;
    } else if constexpr (std::is_same_v<T, double>) {
        if (a.tag != 'd') wrong_argument(kernel, index, "a double", a.tag);
        return a.float64;
    } else if constexpr (std::is_same_v<T, long long>) {
        if (a.tag != 'l') wrong_argument(kernel, index, "a long long", a.tag);
        return a.int64;
    } else {
        static_assert(std::is_trivially_copyable_v<T>, "struct parameters are copied bytewise");
        if (a.tag != 'S') wrong_argument(kernel, index, "a struct", a.tag);
        if (a.bytes.size() != sizeof(T)) {
            throw std::runtime_error(kernel + ": argument " + std::to_string(index) + " is a struct of "
                                     + std::to_string(sizeof(T)) + " bytes, the Java side passed "
                                     + std::to_string(a.bytes.size()));
        }
        T value;
        std::memcpy(&value, a.bytes.data(), sizeof(T));
        return value;
    }
}

using Bound = std::function<void()>;

template <typename... Parameters, size_t... I>
Bound bind_arguments(void (*kernel)(Parameters...), const std::vector<Argument> &arguments, const std::string &name,
                     std::index_sequence<I...>) {
    auto values = std::make_tuple(convert<std::decay_t<Parameters>>(arguments[I], name, I)...);
    return [kernel, values]() { std::apply(kernel, values); };
}

/** How to call one kernel: whether its threads synchronise, and how to bind the arguments. */
struct KernelEntry {
    bool cooperative; // uses __syncthreads or warp shuffles, so each thread needs its own host thread
    std::function<Bound(const std::vector<Argument> &, const std::string &)> bind;
};

template <typename... Parameters>
KernelEntry entry(bool cooperative, void (*kernel)(Parameters...)) {
    return {cooperative, [kernel](const std::vector<Argument> &arguments, const std::string &name) {
                if (arguments.size() != sizeof...(Parameters)) {
                    throw std::runtime_error(name + " takes " + std::to_string(sizeof...(Parameters))
                                             + " arguments, the Java side passed " + std::to_string(arguments.size()));
                }
                return bind_arguments(kernel, arguments, name, std::index_sequence_for<Parameters...>{});
            }};
}

const std::map<std::string, KernelEntry> &kernels() {
    static const std::map<std::string, KernelEntry> table = {
        {"unary", entry(false, unary)},
        {"binary_same_shape", entry(false, binary_same_shape)},
        {"binary_broadcast", entry(false, binary_broadcast)},
        {"where", entry(false, where)},
        {"reduce_thread_per_output", entry(false, reduce_thread_per_output)},
        {"reduce_block_per_output", entry(true, reduce_block_per_output)},
        {"softmax", entry(true, softmax)},
        {"softmax_cross_entropy", entry(true, softmax_cross_entropy)},
        {"softmax_cross_entropy_backward", entry(false, softmax_cross_entropy_backward)},
        {"im2col", entry(false, im2col)},
        {"col2im", entry(false, col2im)},
        {"max_pool", entry(false, max_pool)},
        {"max_pool_backward", entry(false, max_pool_backward)},
        {"avg_pool", entry(false, avg_pool)},
        {"avg_pool_backward", entry(false, avg_pool_backward)},
        {"batch_norm_statistics", entry(true, batch_norm_statistics)},
        {"upsample_bilinear", entry(false, upsample_bilinear)},
        {"upsample_bilinear_backward", entry(false, upsample_bilinear_backward)},
        {"copy_2d", entry(false, copy_2d)},
        {"gather_rows", entry(false, gather_rows)},
        {"scatter_rows", entry(false, scatter_rows)},
        {"permute", entry(false, permute)},
        {"fill_random", entry(false, fill_random)},
        {"sgemm_tiled", entry(true, sgemm_tiled)},
    };
    return table;
}

// ------------------------------------------------------------------ threads of a block

/** A barrier over the live threads of the running block; a finished thread leaves it. */
class BlockBarrier {
public:
    void reset(int participants) {
        std::lock_guard<std::mutex> lock(mutex_);
        participants_ = participants;
        arrived_ = 0;
    }

    void arrive_and_wait() {
        std::unique_lock<std::mutex> lock(mutex_);
        long generation = generation_;
        if (++arrived_ == participants_) {
            release();
        } else {
            changed_.wait(lock, [&] { return generation != generation_; });
        }
    }

    void leave() {
        std::lock_guard<std::mutex> lock(mutex_);
        --participants_;
        if (arrived_ > 0 && arrived_ == participants_) {
            release();
        }
    }

private:
    void release() {
        arrived_ = 0;
        ++generation_;
        changed_.notify_all();
    }

    std::mutex mutex_;
    std::condition_variable changed_;
    int participants_ = 0;
    int arrived_ = 0;
    long generation_ = 0;
};

BlockBarrier block_barrier;
std::vector<double> exchange_table;
thread_local bool in_cooperative_block = false;

dim3 coordinates(long index, dim3 extent) {
    dim3 c;
    c.x = static_cast<unsigned>(index % extent.x);
    c.y = static_cast<unsigned>(index / extent.x % extent.y);
    c.z = static_cast<unsigned>(index / (static_cast<long>(extent.x) * extent.y));
    return c;
}

void run(const KernelEntry &kernel, const Bound &body, dim3 grid, dim3 block) {
    gridDim = grid;
    blockDim = block;
    long blocks = static_cast<long>(grid.x) * grid.y * grid.z;
    int threads = static_cast<int>(block.x * block.y * block.z);
    if (!kernel.cooperative) { // independent threads: any order gives the same result, so run them in turn
        for (long b = 0; b < blocks; ++b) {
            blockIdx = coordinates(b, grid);
            for (int t = 0; t < threads; ++t) {
                threadIdx = coordinates(t, block);
                body();
            }
        }
        return;
    }
    exchange_table.assign(threads, 0.0);
    block_barrier.reset(threads);
    std::barrier between_blocks(threads, []() noexcept { block_barrier.reset(static_cast<int>(blockDim.x * blockDim.y * blockDim.z)); });
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&, t]() {
            threadIdx = coordinates(t, block);
            in_cooperative_block = true;
            for (long b = 0; b < blocks; ++b) {
                blockIdx = coordinates(b, grid);
                body();
                block_barrier.leave();
                between_blocks.arrive_and_wait();
            }
        });
    }
    for (std::thread &thread : pool) {
        thread.join();
    }
}

// ------------------------------------------------------------------ requests

void launch() {
    std::string name(read_value<int32_t>(), '\0');
    read_exactly(name.data(), name.size());
    dim3 grid, block;
    grid.x = read_value<int32_t>();
    grid.y = read_value<int32_t>();
    grid.z = read_value<int32_t>();
    block.x = read_value<int32_t>();
    block.y = read_value<int32_t>();
    std::vector<Argument> arguments(read_value<int32_t>());
    for (Argument &a : arguments) {
        a = read_argument();
    }
    auto it = kernels().find(name);
    if (it == kernels().end()) {
        throw std::runtime_error("the emulator does not know the kernel " + name + " (add it to kernel_emulator.cpp)");
    }
    run(it->second, it->second.bind(arguments, name), grid, block);
}

void serve(char request) {
    switch (request) {
        case 'A': {
            int64_t bytes = read_value<int64_t>();
            int32_t id = next_buffer_id++;
            buffers[id] = Buffer{std::unique_ptr<unsigned char[]>(new unsigned char[bytes > 0 ? bytes : 1]), bytes};
            write_value('K');
            write_value(id);
            return;
        }
        case 'F': {
            int32_t id = read_value<int32_t>();
            if (buffers.erase(id) == 0) throw std::runtime_error("freeing unknown buffer " + std::to_string(id));
            break;
        }
        case 'U': {
            int32_t id = read_value<int32_t>();
            int64_t offset = read_value<int64_t>();
            std::vector<unsigned char> data(read_value<int64_t>());
            read_exactly(data.data(), data.size());
            std::memcpy(address(id, offset, data.size()), data.data(), data.size());
            break;
        }
        case 'D': {
            int32_t id = read_value<int32_t>();
            int64_t offset = read_value<int64_t>();
            int64_t count = read_value<int64_t>();
            unsigned char *source = address(id, offset, count);
            write_value('K');
            write_bytes(source, count);
            return;
        }
        case 'C': {
            int32_t from = read_value<int32_t>();
            int64_t from_offset = read_value<int64_t>();
            int32_t to = read_value<int32_t>();
            int64_t to_offset = read_value<int64_t>();
            int64_t count = read_value<int64_t>();
            std::memmove(address(to, to_offset, count), address(from, from_offset, count), count);
            break;
        }
        case 'M': {
            int32_t id = read_value<int32_t>();
            int64_t offset = read_value<int64_t>();
            int64_t words = read_value<int64_t>();
            int32_t bits = read_value<int32_t>();
            unsigned char *target = address(id, offset, words * 4);
            for (int64_t w = 0; w < words; ++w) std::memcpy(target + 4 * w, &bits, 4);
            break;
        }
        case 'L': launch(); break;
        default: throw std::runtime_error(std::string("unknown request ") + request);
    }
    write_value('K');
}

} // namespace

namespace emulation {
void sync_block() {
    if (!in_cooperative_block) {
        throw std::logic_error("a kernel registered as independent in kernel_emulator.cpp synchronises its threads");
    }
    block_barrier.arrive_and_wait();
}

double exchange(double value, int lane_mask) {
    int t = static_cast<int>(threadIdx.x + threadIdx.y * blockDim.x);
    exchange_table[t] = value;
    sync_block();
    double other = exchange_table[t ^ lane_mask];
    sync_block();
    return other;
}
} // namespace emulation

int main() {
    for (;;) {
        int request = std::getc(stdin);
        if (request == EOF || request == 'Q') {
            return 0;
        }
        try {
            serve(static_cast<char>(request));
        } catch (const std::exception &e) {
            std::string message = e.what();
            write_value('E');
            write_value(static_cast<int32_t>(message.size()));
            write_bytes(message.data(), message.size());
        }
        std::fflush(stdout);
    }
}
