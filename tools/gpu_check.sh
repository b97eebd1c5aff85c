#!/usr/bin/env bash
# The GPU check: on one CUDA GPU, every `#| cuda` cell of the chapters, their new outputs written to copies of the
# notebooks in OUT (copy them over nbs/ and run nbdev_clean to commit them). The cells are: the benchmark at
# ViT-B/16 224 px in bf16 with CUDA peak memory (31_bench), a short mixed-precision training of every method on real
# images (07_learner), bf16/fp16 autocast of every method (10_guarantees), and fastai's distributed context.
# Usage: tools/gpu_check.sh OUT [NOTEBOOK...]   (default: every notebook with a `#| cuda` cell)
set -uo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: tools/gpu_check.sh OUT [NOTEBOOK...]}; shift
mkdir -p "$out"
if [ $# -gt 0 ]; then nbs=("$@"); else mapfile -t nbs < <(grep -l '"#| cuda' nbs/*.ipynb); fi
py=${PYTHON:-python3}
start=$(date +%s)
{ nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null || echo "no nvidia-smi"
  $py -c "import torch; print('torch', torch.__version__, '| CUDA available:', torch.cuda.is_available())"; } \
  | tee "$out/machine.txt"
PYTHONPATH="$(pwd)${PYTHONPATH:+:$PYTHONPATH}" $py tools/run_cuda_cells.py "$out" "${nbs[@]}" 2>&1 | tee "$out/log.txt"
rc=${PIPESTATUS[0]}
echo "GPU check: ${#nbs[@]} notebooks in $(( $(date +%s) - start )) s, exit $rc" | tee -a "$out/log.txt"
exit "$rc"
