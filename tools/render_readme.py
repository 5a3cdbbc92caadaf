#!/usr/bin/env python3
"""Render README.md from nbs/index.ipynb (Quarto, and so nbdev-readme, is not available here).

    python tools/render_readme.py          # write README.md
    python tools/render_readme.py --check  # exit 1 if README.md is out of date
"""
import subprocess, sys, tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEADER = "<!-- Generated from nbs/index.ipynb by tools/render_readme.py: edit the notebook, not this file. -->\n\n"

def render() -> str:
    with tempfile.TemporaryDirectory() as d:
        subprocess.run([sys.executable, '-m', 'jupyter', 'nbconvert', '--to', 'markdown', '--output-dir', d,
                        '--TagRemovePreprocessor.remove_cell_tags=hide', str(ROOT/'nbs'/'index.ipynb')],
                       check=True, capture_output=True)
        md = (Path(d)/'index.md').read_text(encoding='utf-8')
    lines = [l for l in md.splitlines() if not l.startswith('#|')]
    return HEADER + '\n'.join(lines).strip() + '\n'

if __name__ == '__main__':
    txt, readme = render(), ROOT/'README.md'
    if '--check' in sys.argv:
        if not readme.exists() or readme.read_text(encoding='utf-8') != txt:
            sys.exit('README.md is out of date with nbs/index.ipynb: run `python tools/render_readme.py` and commit it.')
        print('README.md is in sync with nbs/index.ipynb')
    else:
        readme.write_text(txt, encoding='utf-8'); print(f'wrote {readme}')
