"""Benchmark: synth time of a hybrid cluster app written with this library against the same
resources written with aws-cdk-lib alone, and import time of cdk_platform_patterns
against ``import aws_cdk``.

Both sides run alternately in one process (synth) or in fresh interpreters one after the
other (import), so machine load affects them alike; the figures to quote are the ratios
of the medians. Run by hand: ``.venv/bin/python bench/bench_synth.py [--rounds N]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")

import aws_cdk as cdk

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from handwritten import build_handwritten_app  # noqa: E402
from library_app import build_library_app  # noqa: E402


def time_synth(build: Callable[[cdk.App], cdk.App]) -> float:
    start = time.perf_counter()
    app = build(cdk.App(outdir=tempfile.mkdtemp(prefix="bench-")))
    app.synth()
    return time.perf_counter() - start


def time_import(module: str) -> float:
    code = f"import time; s = time.perf_counter(); import {module}; print(time.perf_counter() - s)"
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    return float(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=7)
    rounds = parser.parse_args().rounds

    example = build_library_app
    time_synth(example)  # warm up the jsii kernel and module caches for both sides
    time_synth(build_handwritten_app)
    ours, baseline = [], []
    for _ in range(rounds):
        ours.append(time_synth(example))
        baseline.append(time_synth(build_handwritten_app))

    imports_ours, imports_cdk = [], []
    for _ in range(rounds):
        imports_ours.append(time_import("cdk_platform_patterns"))
        imports_cdk.append(time_import("aws_cdk"))

    def line(name: str, a: list[float], b: list[float], a_name: str, b_name: str) -> str:
        ma, mb = statistics.median(a), statistics.median(b)
        return (
            f"{name}: {a_name} {ma:.2f} s, {b_name} {mb:.2f} s, ratio {ma / mb:.2f} "
            f"(medians of {len(a)})"
        )

    print(line("synth", ours, baseline, "with the library", "aws-cdk-lib alone"))
    print(line("import", imports_ours, imports_cdk, "cdk_platform_patterns", "aws_cdk"))


if __name__ == "__main__":
    main()
