"""A whole study at 10k, 100k and 1M rows through the CLI: `workbench init` + `workbench run`,
report included. Records wall time per stage (from the run's manifest), the orchestration
share, peak RSS summed over every process of the run (the CLI, the stage kernel and their
children, sampled every 0.2 s), and the growth factor of each stage between sizes.

uv run python benchmarks/scale.py [--rows 10000 100000 1000000] [--profile standard]
                                   [--out benchmarks/scale_results.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).parent))
import contextlib
import itertools

from synthetic import client_frame

TARGETS = {10_000: None, 100_000: (300, 3.0), 1_000_000: (1200, 6.0)}  # seconds, GB


class PeakRSS(threading.Thread):
    """Sum of RSS over a process and all its descendants, sampled until stopped; and the
    processor seconds of every process of the tree, each as last seen (`cpu`: a process that
    outlives no sample is missed, one that ends counts up to its last sample)."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.root, self.peak, self.done = psutil.Process(pid), 0, threading.Event()
        self.seen: dict[tuple[int, float], float] = {}  # (pid, start time) -> cpu seconds

    @property
    def cpu(self) -> float:
        return sum(self.seen.values())

    def run(self) -> None:
        while not self.done.is_set():
            try:
                procs = [self.root, *self.root.children(recursive=True)]
                total = 0
                for p in procs:
                    with contextlib.suppress(psutil.Error):
                        total += p.memory_info().rss
                        t = p.cpu_times()
                        self.seen[(p.pid, p.create_time())] = t.user + t.system
                self.peak = max(self.peak, total)
            except psutil.Error:
                pass
            self.done.wait(0.2)


def timed(cmd: list[str], cwd: Path) -> tuple[float, float, subprocess.CompletedProcess]:
    seconds, gb, _cpu, done = timed_cpu(cmd, cwd)
    return seconds, gb, done


def timed_cpu(cmd: list[str], cwd: Path) -> tuple[float, float, float, subprocess.CompletedProcess]:
    """`timed`, and the processor seconds of every process of the command's tree (sampled)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    watch = PeakRSS(proc.pid)
    watch.start()
    out, err = proc.communicate()
    watch.done.set()
    watch.join()
    done = subprocess.CompletedProcess(cmd, proc.returncode, out, err)
    return time.perf_counter() - t0, watch.peak / 1024**3, watch.cpu, done


def one_size(rows: int, profile: str, root: Path) -> dict:
    project = root / f"rows_{rows}"
    (project / "data").mkdir(parents=True)
    data = project / "data" / "extract.csv"
    client_frame(rows, seed=7).to_csv(data, index=False)
    cli = [sys.executable, "-m", "workbench"]
    init_s, init_gb, init = timed(
        [*cli, "init", str(data), "--target", "defaulted", "--name", "scale", "--dir", "."], project
    )
    if init.returncode != 0:
        raise SystemExit(f"init failed at {rows} rows:\n{init.stderr}")
    spec = project / "experiments" / "scale.yaml"
    text = spec.read_text()
    if profile != "standard":
        spec.write_text(text.replace("profile: standard", f"profile: {profile}"))
    run_dir = project / "runs" / "scale"
    run_s, run_gb, run = timed([*cli, "run", str(spec), "--run-dir", str(run_dir)], project)
    if run.returncode not in (0, 1):
        raise SystemExit(f"run failed at {rows} rows:\n{run.stderr[-3000:]}")
    manifest = json.loads((run_dir / "manifest.json").read_text())
    evaluation = json.loads((run_dir / "results" / "evaluation.json").read_text())
    decision = json.loads((run_dir / "results" / "decision.json").read_text())
    reference = reference_hgb(run_dir) if rows >= 100_000 else None
    return {
        "rows": rows,
        "init_seconds": round(init_s, 1),
        "run_seconds": round(run_s, 1),
        "end_to_end_seconds": round(init_s + run_s, 1),
        "peak_rss_gb": round(max(init_gb, run_gb), 2),
        "stage_seconds": manifest.get("stage_seconds", {}),
        "orchestration_share": manifest.get("orchestration_share"),
        "stage_compute_seconds": manifest.get("stage_compute_seconds", {}),
        "report_seconds": manifest.get("report_seconds"),
        "candidate": evaluation["candidate"],
        "tuned_vs_default_hgb": reference,
        "baseline": evaluation["baseline"],
        "recommendation": decision["recommendation"],
        "samples": manifest.get("samples", {}),
        "confirmation": confirmation_summary(run_dir, manifest),
    }


def confirmation_summary(run_dir: Path, manifest: dict) -> dict | None:
    """What tuning's check on more rows did: how many candidates on how many rows, in what
    time, and whether it overruled the search's own choice."""
    check = json.loads((run_dir / "results" / "tuning.json").read_text()).get("confirmation")
    if not check:
        return None
    return {
        "candidates": len(check["candidates"]),
        "fit_rows": check["fit_rows"],
        "validation_rows": check["validation_rows"],
        "seconds": manifest["stage_details"]["tuning"]["confirmation_seconds"],
        "search_best": check["search_best"],
        "chosen": check["chosen"],
        "stopped_by": check["stopped_by"],
    }


def reference_hgb(run_dir: Path) -> dict:
    """A default HistGradientBoosting fitted on the run's own training part and scored on its
    holdout, next to the tuned candidate's holdout predictions, both with 95% bootstrap
    intervals over the same resamples (outside the study: not counted in its wall time)."""
    import pandas as pd

    from baselines import build
    from workbench.inputs.context import load_run_context
    from workbench.inputs.metrics import score
    from workbench.science.cross_validation import predict_full
    from workbench.science.modeling import prepare
    from workbench.science.resampling import bootstrap_indices, bootstrap_scores, interval
    from workbench.store.run_directory import Run

    run = Run(run_dir)
    ctx = load_run_context(run)
    prep, spec = prepare(ctx, run), ctx.spec
    t0 = time.perf_counter()
    model = build("hist_gradient_boosting", prep.columns, spec.task.kind, spec.seed)
    model.fit(prep.X.iloc[prep.train], prep.y[prep.train])
    fit_s = time.perf_counter() - t0
    y = prep.y[prep.test]
    hgb = predict_full(model, prep.X.iloc[prep.test], spec.task.kind, len(prep.classes))
    held = pd.read_parquet(run_dir / "predictions" / "holdout.parquet")
    tuned = held[[c for c in held.columns if c.startswith("candidate_p")]].to_numpy()
    metric = spec.primary_metric
    idx = bootstrap_indices(len(y), spec.budget.resamples(len(y)), spec.seed)
    out = {"metric": metric.name, "fit_seconds": round(fit_s, 1)}
    boots = {}
    for name, p in (("tuned", tuned), ("default_hgb", hgb)):
        boots[name] = bootstrap_scores(metric, y, p, idx)
        lo, hi = interval(boots[name])
        out[name] = {"value": round(score(metric, y, p), 4), "ci_low": round(lo, 4),
                     "ci_high": round(hi, 4)}  # fmt: skip
    diff = boots["tuned"] - boots["default_hgb"]
    lo, hi = interval(diff)
    out["difference"] = {"value": round(out["tuned"]["value"] - out["default_hgb"]["value"], 4),
                         "ci_low": round(lo, 4), "ci_high": round(hi, 4)}  # fmt: skip
    return out


def growth(results: list[dict]) -> list[dict]:
    out = []
    for a, b in itertools.pairwise(results):
        ratio = b["rows"] / a["rows"]
        stages = {}
        for name, s in b["stage_seconds"].items():
            before = a["stage_seconds"].get(name)
            if before:
                stages[name] = round(s / before, 2)
        out.append({"from": a["rows"], "to": b["rows"], "rows_ratio": ratio, "stages": stages})
    return out


def markdown(doc: dict) -> str:
    """The RESULTS.md section for a results document."""
    m, rows = doc["machine"], doc["results"]
    stages = list(rows[0]["stage_seconds"])
    out = [
        f"Machine: {m['cores']} cores, {m['memory_gb']} GB, {m['platform']}, Python "
        f"{m['python']}; profile `{doc['profile']}`; one run per size.",
        "",
        "| rows | end to end (init + run) | target | peak RSS, all processes | target | "
        "orchestration share | " + " | ".join(stages) + " | report |",
        "|---" * (7 + len(stages)) + "|",
    ]
    for r in rows:
        t = TARGETS.get(r["rows"])
        out.append(
            f"| {r['rows']:,} | {r['end_to_end_seconds']:.0f} s | "
            f"{f'{t[0] / 60:.0f} min' if t else '—'} | {r['peak_rss_gb']:.2f} GB | "
            f"{f'{t[1]:g} GB' if t else '—'} | {100 * r['orchestration_share']:.1f}% | "
            + " | ".join(f"{r['stage_seconds'][s]:.0f} s" for s in stages)
            + f" | {r['report_seconds']:.1f} s |"
        )
    out += ["", "Growth factor of each stage's wall time between sizes:", ""]
    out.append("| from → to | rows × | " + " | ".join(stages) + " |")
    out.append("|---" * (2 + len(stages)) + "|")
    for g in doc["growth"]:
        out.append(
            f"| {g['from']:,} → {g['to']:,} | {g['rows_ratio']:g} | "
            + " | ".join(f"{g['stages'].get(s, float('nan')):.2f}" for s in stages)
            + " |"
        )
    for r in rows:
        c = r.get("confirmation")
        if c:
            verdict = (
                "kept the search's choice"
                if c["chosen"] == c["search_best"]
                else f"chose trial {c['chosen']} over the search's trial {c['search_best']}"
            )
            out += [
                "",
                f"Tuning's check on more rows at {r['rows']:,} rows: {c['candidates']} candidates "
                f"fitted on {c['fit_rows']:,} rows and scored on {c['validation_rows']:,} "
                f"in {c['seconds']:.0f} s (one candidate per core); it {verdict}.",
            ]
        ref = r.get("tuned_vs_default_hgb")
        if ref:
            iv = lambda d: f"{d['value']:.4f} ({d['ci_low']:.4f}–{d['ci_high']:.4f})"  # noqa: E731
            out += [
                "",
                f"Holdout {ref['metric']} at {r['rows']:,} rows (95% bootstrap intervals): tuned "
                f"model {iv(ref['tuned'])}; default HistGradientBoosting on the same split "
                f"{iv(ref['default_hgb'])}; difference {iv(ref['difference'])}.",
            ]
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--profile", default="standard")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/scale_results.json"))
    parser.add_argument("--keep", type=Path, help="Keep the projects and runs in this folder.")
    parser.add_argument(
        "--render", type=Path, help="Print RESULTS.md's section for a results file."
    )
    args = parser.parse_args()
    if args.render:
        print(markdown(json.loads(args.render.read_text())))
        return
    os.environ.setdefault("PYTHONHASHSEED", "0")
    results = []
    with tempfile.TemporaryDirectory(prefix="workbench-scale-") as tmp:
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            tmp = str(args.keep.resolve())
        for rows in args.rows:
            r = one_size(rows, args.profile, Path(tmp))
            results.append(r)
            target = TARGETS.get(rows)
            verdict = ""
            if target:
                ok = r["end_to_end_seconds"] <= target[0] and r["peak_rss_gb"] <= target[1]
                verdict = f" (target {target[0] / 60:.0f} min / {target[1]:g} GB: {'met' if ok else 'MISSED'})"
            print(
                f"{rows:>9,} rows: {r['end_to_end_seconds']:7.1f} s end to end, peak RSS "
                f"{r['peak_rss_gb']:.2f} GB, orchestration {r['orchestration_share']}{verdict}",
                flush=True,
            )
            print("           " + ", ".join(f"{k} {v:.1f}" for k, v in r["stage_seconds"].items()))
    doc = {
        "machine": {
            "cores": os.cpu_count(),
            "memory_gb": round(psutil.virtual_memory().total / 1024**3, 1),
            "platform": platform.platform(),
            "python": platform.python_version(),
        },
        "profile": args.profile,
        "results": results,
        "growth": growth(results),
    }
    args.out.write_text(json.dumps(doc, indent=2) + "\n")
    for g in doc["growth"]:
        print(f"growth {g['from']:,} -> {g['to']:,} (x{g['rows_ratio']:g}): {g['stages']}")


if __name__ == "__main__":
    main()
