#!/usr/bin/env python
"""Benchmark 'cache_vs_backbone' of issue 8 (see medvlp_nb.bench.bench_cache_vs_backbone): prints a table and saves JSON.

  python bench/bench_cache_vs_backbone.py --size ci|full --output_dir bench_out
"""
import sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from run_all import main

if __name__ == '__main__': main(default_only=['cache_vs_backbone'])
