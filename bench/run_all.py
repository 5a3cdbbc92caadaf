#!/usr/bin/env python
"""Run the medvlp_nb benchmarks of issue 8, print the summary table and save JSON (one file per benchmark + summary.json).

  python bench/run_all.py --size ci                      # seconds on 2 CPU cores
  python bench/run_all.py --size full --output_dir out   # the issue's sizes (meant for a GPU; `demo` is the 2-CPU-core goal)
  python bench/run_all.py --only infonce cache_memory    # a subset
"""
import argparse, sys
from pathlib import Path

def main(argv=None, default_only=None):
    from medvlp_nb.bench import BENCHMARKS, run_benchmarks
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--size', choices=('ci', 'full'), default='ci', help='ci: seconds on CPU; full: the issue sizes')
    p.add_argument('--output_dir', default='bench_out', help='where <name>.json and summary.json go')
    p.add_argument('--only', nargs='*', choices=list(BENCHMARKS), default=default_only, help='benchmarks to run (default: all)')
    p.add_argument('--threads', type=int, default=None, help='torch CPU threads (1 avoids thread contention on a busy machine)')
    a = p.parse_args(argv)
    if a.threads:
        import torch; torch.set_num_threads(a.threads)
    import pandas as pd
    pd.set_option('display.width', 200); pd.set_option('display.max_colwidth', 70)
    table = run_benchmarks(a.only, a.size, a.output_dir)
    print(table.to_string())
    for name in table.index:
        import json
        r = json.loads((Path(a.output_dir)/f'{name}.json').read_text())
        if r['rows']: print(f"\n{name}: {r['comparison']}\n" + pd.DataFrame(r['rows']).round(4).to_string(index=False))
    print(f"\nwrote {a.output_dir}/<name>.json and summary.json")
    return table

if __name__ == '__main__': main()
