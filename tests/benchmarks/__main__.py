"""Run every benchmark module (or those named on the command line) and print JSON lines."""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys

import tests.benchmarks as package


def main(names: list[str]) -> int:
    modules = [m.name for m in pkgutil.iter_modules(package.__path__)
               if m.name.startswith("bench_")]
    for name in sorted(modules):
        if names and name not in names:
            continue
        module = importlib.import_module(f"tests.benchmarks.{name}")
        for row in module.run():
            print(json.dumps(row, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
