#!/usr/bin/env bash
# The GPU report of issue 17 in one command (see bench/README.md): every section -- adaptor, loader, methods (paper-size
# M3AE and Uni-Mlip: fp16 + Adam vs bf16 + fused AdamW vs + grad checkpointing), pipeline (ResNet-50 fed by PNG workers,
# the uint8 image cache, nvJPEG), writer (corpus writer at 1, 8 and all cores) and loss -- about 5 minutes on an H200:
#
#   bash bench/gpu_report.sh                 # writes gpu_report.{json,md,log} and summary.json to $OUT (default bench_out_gpu)
#   SIZE=ci bash bench/gpu_report.sh         # a short smoke test of the same path
#   bash bench/gpu_report.sh --pack DIR      # on a CPU machine: copy the packages a bare GPU machine lacks into DIR
#
# It runs `python -m medvlp_nb bench --names gpu_report --size $SIZE --output_dir $OUT` from the repository root
# with the repository on PYTHONPATH (no install needed) and tees the log into $OUT. Packages the GPU machine lacks
# come from $MEDVLP_DEPS (default bench/_deps, made by --pack) when that folder exists, or are installed offline
# from the wheels in $WHEELS when that is set.
set -euo pipefail
cd "$(dirname "$0")/.."

# the distributions that `import medvlp_nb.cli` plus the GPU report need beyond torch, timm, transformers, numpy,
# pandas, scikit-learn and matplotlib (and their own dependencies); found by running the report with everything else blocked;
# the methods, pipeline and writer sections add none (torchvision and pillow come with timm)
NEEDED="accelerate beartype certifi fastai fastcore fastdownload fastprogress fasttransform ftfy itsdangerous nibabel
open_clip_torch plum-dispatch pydicom python-fasthtml python-multipart requests starlette urllib3 wcwidth"

if [ "${1:-}" = "--pack" ]; then
    DIR="${2:?usage: bash bench/gpu_report.sh --pack DIR}"
    python - "$DIR" $NEEDED <<'EOF'
import sys, shutil, importlib.metadata as md
from pathlib import Path
dst, names = Path(sys.argv[1]), sys.argv[2:]
total = 0
for name in names:
    dist = md.distribution(name)   # fails loudly when this machine lacks it
    for f in dist.files or []:
        if '..' in f.parts or {'__pycache__', 'tests'} & set(f.parts) or f.suffix == '.pyc': continue   # scripts outside site-packages, bytecode, tests
        src = Path(dist.locate_file(f))
        if src.is_file():
            (dst/f).parent.mkdir(parents=True, exist_ok=True); shutil.copy2(src, dst/f); total += src.stat().st_size
    print(f"{name}=={dist.version}")
print(f"copied {len(names)} distributions, {total / 2**20:.1f} MB, into {dst}")
EOF
    exit 0
fi

OUT="${OUT:-bench_out_gpu}"
SIZE="${SIZE:-full}"
DEPS="${MEDVLP_DEPS:-bench/_deps}"
mkdir -p "$OUT"
LOG="$OUT/gpu_report.log"
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
if [ -d "$DEPS" ]; then export PYTHONPATH="$PYTHONPATH:$(cd "$DEPS" && pwd)"; fi
{
    date -u +"%Y-%m-%dT%H:%M:%SZ gpu_report size=$SIZE out=$OUT deps=$([ -d "$DEPS" ] && echo "$DEPS" || echo none)"
    if [ -n "${WHEELS:-}" ]; then python -m pip install --no-index --no-deps --quiet "$WHEELS"/*.whl; fi
    command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,memory.total,memory.used,driver_version --format=csv || true
    python -c "import sys, torch; print('python', sys.version.split()[0], 'torch', torch.__version__, 'cuda', torch.version.cuda, torch.cuda.is_available())"
} 2>&1 | tee "$LOG"
python -m medvlp_nb bench --names gpu_report --size "$SIZE" --output_dir "$OUT" 2>&1 | tee -a "$LOG"
