"""Run the chapters that hold `#| cuda` cells and write the new outputs of those cells back (tools/gpu_check.sh).

Each notebook runs top to bottom as `nbdev_test --flags cuda` runs it (cells flagged `slow` or `notest` skipped), in
one process of its own. Only the outputs of the `#| cuda` cells are replaced: every other cell keeps the outputs it
has in the repository. Usage: python tools/run_cuda_cells.py OUT NOTEBOOK... (the notebooks are written to OUT)."""
import json, sys, time, traceback
from pathlib import Path

from execnb.shell import CaptureShell
from fastcore.xtras import working_directory
from nbdev.frontmatter import FrontmatterProc
from nbdev.process import NBProcessor

SKIP = {'slow', 'notest'}

def runs(cell) -> bool:
    "Whether `nbdev_test --flags cuda` runs `cell`"
    if cell.cell_type != 'code' or 'nbdev_export(' in cell.source: return False
    directives = getattr(cell, 'directives_', None) or {}
    return directives.get('eval:', [''])[0].lower() != 'false' and not SKIP & directives.keys()

def is_cuda(cell) -> bool: return 'cuda' in (getattr(cell, 'directives_', None) or {})

def run_notebook(path:Path, out:Path) -> list[str]:
    "Run `path`, write it to `out` with its cuda cells' new outputs; the errors, one line each"
    raw = json.loads(path.read_text())
    by_id = {c.get('id'): c for c in raw['cells']}
    shell, errors = CaptureShell(path), []
    with working_directory(path.parent):
        for cell in NBProcessor(path, procs=FrontmatterProc, process=True).nb.cells:
            if not runs(cell): continue
            t = time.time()
            outputs = shell.run(cell.source)
            if is_cuda(cell):
                by_id[cell.id]['outputs'] = outputs
                print(f"{path.name}: cuda cell {cell.id} ran in {time.time() - t:.1f} s", flush=True)
            if shell.exc is None: continue
            errors.append(f"{path.name} cell {cell.id}: {type(shell.exc).__name__}: {shell.exc}")
            print(f"{path.name} cell {cell.id}:", *traceback.format_exception(shell.exc), file=sys.stderr, flush=True)
            if not is_cuda(cell): break      # later cells depend on this one
    (out/path.name).write_text(json.dumps(raw, indent=1, ensure_ascii=False) + '\n')
    return errors

def main(out:str, *notebooks:str) -> int:
    out = Path(out); out.mkdir(parents=True, exist_ok=True)
    errors = []
    for nb in notebooks:
        t = time.time()
        errors += run_notebook(Path(nb).resolve(), out)
        print(f"{Path(nb).name}: {time.time() - t:.0f} s", flush=True)
    print(f"{len(notebooks)} notebooks, {len(errors)} errors", *errors, sep='\n')
    return int(bool(errors))

if __name__ == '__main__': sys.exit(main(*sys.argv[1:]))
