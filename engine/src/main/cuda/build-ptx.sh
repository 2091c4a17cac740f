#!/usr/bin/env bash
# Compiles the CUDA kernels of this directory to PTX and writes them, with a SHA-256 list of the
# sources, into the resources the CUDA backend loads at run time:
#   engine/src/main/resources/org/advmusic/engine/backend/cuda/<name>.ptx
#   engine/src/main/resources/org/advmusic/engine/backend/cuda/sources.sha256
# Users therefore need no CUDA toolkit, only the NVIDIA driver, which JIT-compiles the PTX for
# their GPU. Run this after changing any file here (needs nvcc; CudaPtxResourcesTest fails while the
# committed PTX is stale):
#   engine/src/main/cuda/build-ptx.sh
#
# Target: PTX for compute_75 (Turing, the oldest architecture CUDA 13's nvcc still accepts), which
# the driver compiles for any newer GPU. nvcc 13 labels its output with PTX ISA 9.0, which only
# CUDA 13 drivers (R580+) accept; the kernels use no instruction newer than ISA 8.0, so the label is
# lowered to 8.0 (CUDA 12.0 drivers, R525+, the same generation JCuda 12.6 targets). ptxas checks
# the lowered files below, and rejects any instruction the declared ISA version does not have.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../resources/org/advmusic/engine/backend/cuda"
arch=compute_75
ptx_isa=8.0
nvcc_flags=(-ptx "-arch=$arch" -std=c++17)

command -v nvcc >/dev/null || { echo "build-ptx.sh: nvcc is not on the PATH (install the CUDA toolkit)" >&2; exit 1; }
mkdir -p "$out"
cd "$here"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for source in *.cu; do
    name="${source%.cu}"
    nvcc "${nvcc_flags[@]}" -o "$work/$name.ptx" "$source"
    if ! grep -q '^\.version ' "$work/$name.ptx"; then
        echo "build-ptx.sh: $name.ptx has no .version line" >&2
        exit 1
    fi
    {
        echo "// GENERATED FILE, do not edit: PTX of engine/src/main/cuda/$source."
        echo "// Regenerate with engine/src/main/cuda/build-ptx.sh, which ran:"
        echo "//   nvcc ${nvcc_flags[*]} -o $name.ptx $source"
        echo "// and lowered the .version line to $ptx_isa (see the script)."
        echo "// Source SHA-256: $(sha256sum "$source" | cut -d' ' -f1)"
        sed "s/^\.version .*/.version $ptx_isa/" "$work/$name.ptx"
    } > "$out/$name.ptx"
    if command -v ptxas >/dev/null; then
        for sm in sm_75 sm_80 sm_90; do
            ptxas "-arch=$sm" -o /dev/null "$out/$name.ptx"
        done
    fi
done

# Every file of this directory, so that a change of a header or of this script also marks the PTX stale.
sha256sum $(ls | LC_ALL=C sort) > "$out/sources.sha256"
echo "build-ptx.sh: wrote $(ls *.cu | wc -l) PTX files and sources.sha256 to $(cd "$out" && pwd)"
