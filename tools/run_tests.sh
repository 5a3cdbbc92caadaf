#!/usr/bin/env bash
# The project's whole test suite: the checks CI runs (see .github/workflows/test.yaml and .ci/run).
set -uo pipefail
cd "$(dirname "$0")/.."
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 MPLBACKEND=Agg TOKENIZERS_PARALLELISM=false
# two notebooks run at once on CI's two cores: one BLAS/OpenMP thread each avoids oversubscription (measured ~10x
# slower CPU spin-waiting with two threads per process on a busy 2-core machine)
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}" MKL_NUM_THREADS="${MKL_NUM_THREADS:-1}"
# the notebooks' temporary folders (corpora, caches, checkpoints: several GB per run) go under one folder of this run,
# removed when it ends, so repeated runs never fill the disk
TMPDIR="$(mktemp -d "${TMPDIR:-/tmp}/medvlp_tests.XXXXXX")"; export TMPDIR
trap 'rm -rf "$TMPDIR"' EXIT
fail=0
echo "== 1/4 notebooks are clean (nbdev-clean changes nothing)"
nbdev-clean >/dev/null 2>&1
if [ -n "$(git status --porcelain -- nbs 2>/dev/null)" ]; then
  echo "notebooks carry metadata or outputs that nbdev-clean strips:"; git status --porcelain -- nbs; git diff --stat -- nbs; fail=1; fi
echo "== 2/4 library is in sync with the notebooks (nbdev-export changes nothing)"
nbdev-export
if [ -n "$(git status --porcelain -- medvlp_nb 2>/dev/null)" ]; then
  echo "medvlp_nb/ differs from what the notebooks export:"; git status --porcelain -- medvlp_nb; fail=1; fi
echo "== 3/4 README.md is rendered from nbs/index.ipynb"
python tools/render_readme.py --check || fail=1
echo "== 4/4 notebook tests (nbdev-test)"
n_nbs=$(find nbs -name '*.ipynb' -not -path '*/.*' -not -name '_*' | wc -l)
log=$(mktemp)
nbdev-test --n-workers 2 --timing 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
if [ "$rc" -ne 0 ]; then
  n_failed=$(awk '/Tests Failed On The Following Notebooks/{f=1;next} f && /\.ipynb/{c++} END{print c+0}' "$log")
  [ "$n_failed" -eq 0 ] && n_failed=1
  echo "notebooks: $((n_nbs - n_failed)) passed, ${n_failed} failed"; exit 1
fi
if [ "$fail" -ne 0 ]; then echo "notebooks: ${n_nbs} passed, 0 failed (but a sync check above failed)"; exit 1; fi
echo "notebooks: ${n_nbs} passed, 0 failed"
