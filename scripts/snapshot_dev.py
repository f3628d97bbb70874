"""Code every dev set's articles and keep the documents, so a behaviour-preserving change can be
checked byte for byte: run it before the change (`snapshot_dev.py code DIR_BEFORE`), after it
(`snapshot_dev.py code DIR_AFTER`), then `snapshot_dev.py compare DIR_BEFORE DIR_AFTER`.

Only `id`, `text` and `date` of each gold line reach the coder, as with the referee.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

DEV_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "dev"


def code(out_dir: Path, dev_dir: Path, tasks: list[str]) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    for gold in sorted(dev_dir.glob("*.jsonl")):
        if tasks and gold.stem not in tasks:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "input.jsonl"
            with gold.open(encoding="utf-8") as lines, source.open("w", encoding="utf-8") as out:
                for line in lines:
                    item = json.loads(line)
                    out.write(json.dumps({k: item.get(k) for k in ("id", "text", "date")}) + "\n")
            target = out_dir / f"{gold.stem}.jsonl"
            subprocess.run([sys.executable, "-m", "thucydides", "code", str(source), "-o", str(target),
                            "--format", "documents", "--no-progress"], check=True)
            print(f"{gold.stem}: {target}")


def compare(before: Path, after: Path) -> int:
    differing = 0
    for old in sorted(before.glob("*.jsonl")):
        new = after / old.name
        if not new.exists():
            print(f"{old.name}: missing in {after}")
            differing += 1
            continue
        old_lines = old.read_text(encoding="utf-8").splitlines()
        new_lines = new.read_text(encoding="utf-8").splitlines()
        changed = [i for i, (a, b) in enumerate(zip(old_lines, new_lines, strict=False)) if a != b]
        if len(old_lines) != len(new_lines):
            changed.append(min(len(old_lines), len(new_lines)))
        status = ("identical" if not changed
                  else f"{len(changed)} documents differ (first: line {changed[0] + 1})")
        print(f"{old.name}: {status}")
        differing += bool(changed)
    return 1 if differing else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("code", help="code every dev set into DIR")
    run.add_argument("out_dir", type=Path)
    run.add_argument("--dev", type=Path, default=DEV_DIR)
    run.add_argument("--task", action="append", default=[], help="only this dev set (repeatable)")
    cmp = sub.add_parser("compare", help="compare two snapshot folders document by document")
    cmp.add_argument("before", type=Path)
    cmp.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "code":
        code(args.out_dir, args.dev, args.task)
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
