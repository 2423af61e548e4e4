"""Text at scale: 100,000 support tickets of about 400 characters (benchmarks/tickets.py: 8 teams,
English and German, a channel and a priority beside the text).

    uv run python benchmarks/text_scale.py --checks     # the text checks alone, then the whole
                                                        # leakage battery with the text as input
    uv run python benchmarks/text_scale.py --study      # workbench init + run through the CLI
    uv run python benchmarks/text_scale.py --checks --study --rows 100000 --repeat 3
    uv run python benchmarks/text_scale.py --study --study-repeat 3 --keep /tmp/studies

`--checks` times the three text checks (label_words, post_outcome_text, text_copies) on the
split the study would make, in a fresh process each time (median of `--repeat`), with that
process's peak RSS; then the whole battery once. `--study` runs the whole study as a consultant
would (`workbench init` then `workbench run`, report included) and records wall time per stage,
the leakage checks' own seconds, peak RSS and CPU seconds summed over every process of the run,
the 1-minute load average during it (the 2 cores are shared) and what the study found (to see
that a faster run reports the same study); `--study-repeat N` runs it N times for medians,
`--keep DIR` keeps each study's folder. Targets: the whole study within 10 minutes and 4 GB on
2 cores; the text checks a few tens of seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

TEXT_CHECKS = ["label_words", "post_outcome_text", "text_copies"]
TARGET_SECONDS, TARGET_GB = 600, 4.0


def tickets(rows: int, seed: int = 7):
    """The extract: description (about 400 characters), channel, priority, team."""
    import numpy as np
    import pandas as pd
    from tickets import Style, Writer, outcome_labels

    writer = Writer(Style(teams=8, strength=0.6, german=0.3, sentences=(5, 10)), seed)
    texts, _, recorded = writer.tickets(rows)
    y, classes = outcome_labels(writer, recorded)
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "description": pd.Series(texts, dtype="str"),
            "channel": pd.Series(rng.choice(["email", "portal", "phone"], rows), dtype="str"),
            "priority": rng.integers(1, 5, rows),
            "team": pd.Series([classes[k] for k in y], dtype="str"),
        }
    )


def measure(path: Path, which: str) -> dict:
    """In this process: the checks on the extract at `path`, their seconds and the peak RSS."""
    import resource
    import time

    import numpy as np
    import pandas as pd
    from threadpoolctl import threadpool_limits

    from leakage_checks import Roles, SplitFrames, run_all

    frame = pd.read_parquet(path)
    y_all, classes = pd.factorize(frame.pop("team"), sort=True)
    rng = np.random.default_rng(0)
    order = rng.permutation(len(frame))
    cut = int(0.75 * len(frame))
    tr, te = np.sort(order[:cut]), np.sort(order[cut:])
    frames = SplitFrames(
        frame.iloc[tr].reset_index(drop=True),
        frame.iloc[te].reset_index(drop=True),
        pd.Series(y_all[tr]),
        pd.Series(y_all[te]),
    )
    roles = Roles(
        task="multiclass",
        features=["channel", "priority", "description"],
        known_at_prediction=list(frame.columns),
        seed=0,
        target_name="team",
        classes=list(classes),
        text_columns=["description"],
    )
    start, cpu = time.perf_counter(), time.process_time()
    with threadpool_limits(1):
        runs = run_all(frames, roles, only=TEXT_CHECKS if which == "text" else None)
    return {
        "seconds": round(time.perf_counter() - start, 2),
        "cpu_seconds": round(time.process_time() - cpu, 2),
        "checks": {r.name: r.seconds for r in runs},
        "status": {r.name: r.status for r in runs},
        "peak_rss_gb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2, 2),
    }


def child(path: Path, which: str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--measure", str(path), "--which", which],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "OMP_NUM_THREADS": "1"},
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def checks(rows: int, repeat: int, root: Path) -> dict:
    path = root / "tickets.parquet"
    tickets(rows).to_parquet(path)
    text = [child(path, "text") for _ in range(repeat)]
    battery = child(path, "all")
    seconds = [t["seconds"] for t in text]
    per_check = {c: statistics.median(t["checks"][c] for t in text) for c in TEXT_CHECKS}
    return {
        "rows": rows,
        "text_checks_seconds": seconds,
        "text_checks_median": statistics.median(seconds),
        "text_checks_cpu_median": statistics.median(t["cpu_seconds"] for t in text),
        "per_check_median": per_check,
        "text_checks_peak_rss_gb": max(t["peak_rss_gb"] for t in text),
        "status": text[0]["status"],
        "battery_seconds": battery["seconds"],
        "battery_cpu_seconds": battery["cpu_seconds"],
        "battery_peak_rss_gb": battery["peak_rss_gb"],
        "battery_slowest": dict(sorted(battery["checks"].items(), key=lambda kv: -kv[1])[:8]),
        "battery_status": {k: v for k, v in battery["status"].items() if v != "passed"},
    }


class Watch:
    """Over one command's process tree, sampled every 0.2 s: the peak of the summed RSS, the CPU
    seconds of every process (the last reading of each), and the machine's 1-minute load
    average (the 2 cores are shared: the load says how much of them this run had)."""

    def __init__(self, pid: int) -> None:
        import threading

        import psutil

        self.root, self.done = psutil.Process(pid), threading.Event()
        self.peak, self.cpu, self.loads, self.timeline = 0, {}, [], []
        self.began = time.time()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        import contextlib

        import psutil

        while not self.done.is_set():
            with contextlib.suppress(psutil.Error):
                total, each = 0, {}
                for p in [self.root, *self.root.children(recursive=True)]:
                    with contextlib.suppress(psutil.Error), p.oneshot():
                        rss = p.memory_info().rss
                        total += rss
                        each[p.pid] = round(rss / 1024**3, 2)
                        t = p.cpu_times()
                        self.cpu[(p.pid, p.create_time())] = t.user + t.system
                self.peak = max(self.peak, total)
                if len(self.loads) % 10 == 0:  # every 2 s: where in the run the memory goes
                    self.timeline.append(
                        [round(time.time() - self.began, 1), round(total / 1024**3, 2), each]
                    )
            self.loads.append(os.getloadavg()[0])
            self.done.wait(0.2)

    def stop(self) -> dict:
        self.done.set()
        self.thread.join()
        loads = sorted(self.loads) or [os.getloadavg()[0]]
        return {
            "peak_gb": self.peak / 1024**3,
            "cpu_seconds": sum(self.cpu.values()),
            "load": [loads[0], statistics.median(loads), loads[-1]],
            "began": self.began,
            "timeline": self.timeline,
        }


def timed(cmd: list[str], cwd: Path) -> tuple[float, dict, subprocess.CompletedProcess]:
    """Wall seconds, what `Watch` saw, and the finished command."""
    import time

    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    watch = Watch(proc.pid)
    out, err = proc.communicate()
    seen = watch.stop()
    return (
        time.perf_counter() - t0,
        seen,
        subprocess.CompletedProcess(cmd, proc.returncode, out, err),
    )


def study(rows: int, root: Path) -> dict:
    project = root / "study"
    (project / "data").mkdir(parents=True)
    data = project / "data" / "tickets.csv"
    tickets(rows).to_csv(data, index=False)
    cli = [sys.executable, "-m", "workbench"]
    init_s, init_w, init = timed(
        [*cli, "init", str(data), "--target", "team", "--name", "tickets", "--dir", "."], project
    )
    if init.returncode != 0:
        raise SystemExit(f"init failed:\n{init.stderr[-3000:]}")
    spec = project / "experiments" / "tickets.yaml"
    run_dir = project / "runs" / "tickets"
    run_s, run_w, run = timed([*cli, "run", str(spec), "--run-dir", str(run_dir)], project)
    if run.returncode not in (0, 1):
        raise SystemExit(f"run failed:\n{run.stderr[-3000:]}")
    manifest = json.loads((run_dir / "manifest.json").read_text())
    (root / "memory.json").write_text(  # the summed RSS every 2 s, and each process's
        json.dumps({"init": init_w["timeline"], "run": run_w["timeline"]}) + "\n"
    )
    data_result = json.loads((run_dir / "results" / "data.json").read_text())
    used = {p["name"]: p.get("used_by_model") for p in data_result.get("profile", [])}
    total, peak = init_s + run_s, max(init_w["peak_gb"], run_w["peak_gb"])
    return {
        "rows": rows,
        "init_seconds": round(init_s, 1),
        "run_seconds": round(run_s, 1),
        "end_to_end_seconds": round(total, 1),
        "cpu_seconds": round(init_w["cpu_seconds"] + run_w["cpu_seconds"], 1),
        "peak_rss_gb": round(peak, 2),
        "load_average": {
            "min": round(min(init_w["load"][0], run_w["load"][0]), 2),
            "median_during_run": round(run_w["load"][1], 2),
            "max": round(max(init_w["load"][2], run_w["load"][2]), 2),
        },
        "stage_seconds": manifest.get("stage_seconds", {}),
        "stage_cpu_seconds": manifest.get("stage_cpu_seconds", {}),  # the stage kernel's own
        "stage_text_readings": manifest.get("stage_text_readings", {}),
        "stage_details": {
            k: v for k, v in manifest.get("stage_details", {}).items() if k in STAGE_DETAILS
        },
        "leakage_check_seconds": manifest.get("stage_details", {})
        .get("leakage", {})
        .get("check_seconds", {}),
        "text_is_model_input": bool(used.get("description")),
        "results": outcome(run_dir),
        "met": total <= TARGET_SECONDS and peak <= TARGET_GB,
    }


STAGE_DETAILS = ("baselines", "tuning", "evaluation")


def outcome(run_dir: Path) -> dict:
    """What the study found, to see that a faster run still reports the same study: the
    baselines' and the candidate's scores, the search's trials, and what the report states."""
    results = run_dir / "results"

    def load(name: str) -> dict:
        path = results / f"{name}.json"
        return json.loads(path.read_text()) if path.exists() else {}

    baselines, tuning, evaluation = load("baselines"), load("tuning"), load("evaluation")
    return {
        "baselines_cv": {m["name"]: round(m["mean"], 4) for m in baselines.get("models", [])},
        "tuning": {
            k: tuning.get(k) for k in ("trials_completed", "trials_pruned", "stopped_by", "params")
        },
        "candidate_holdout": evaluation.get("candidate", {}).get("primary", {}).get("value"),
        "baseline_holdout": evaluation.get("baseline", {}).get("primary", {}).get("value"),
        "confirmation": tuning.get("confirmation"),
        "recommendation": load("decision").get("recommendation"),
    }


def studies(rows: int, repeat: int, keep: Path | None) -> dict:
    """`study` `repeat` times, each in a fresh folder; the medians beside every run."""
    runs = []
    for i in range(repeat):
        if keep is not None:
            root = keep / f"run{i}"
            root.mkdir(parents=True, exist_ok=False)
            runs.append(study(rows, root))
        else:
            with tempfile.TemporaryDirectory(prefix="workbench-text-scale-") as tmp:
                runs.append(study(rows, Path(tmp)))
        print(json.dumps(runs[-1], indent=2), flush=True)
    med = {
        k: statistics.median(r[k] for r in runs)
        for k in ("end_to_end_seconds", "cpu_seconds", "peak_rss_gb")
    }
    stages = {
        s: statistics.median(r["stage_seconds"].get(s, 0) for r in runs)
        for s in runs[0]["stage_seconds"]
    }
    return {
        **runs[len(runs) // 2],
        "runs": runs,
        "median": {**med, "stage_seconds": stages},
        "met": med["end_to_end_seconds"] <= TARGET_SECONDS and med["peak_rss_gb"] <= TARGET_GB,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--checks", action="store_true")
    parser.add_argument("--study", action="store_true")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--which", default="text", help=argparse.SUPPRESS)
    parser.add_argument("--study-repeat", type=int, default=1, help="whole studies, median")
    parser.add_argument("--keep", type=Path, help="keep each study's folder under this one")
    parser.add_argument("--out", type=Path, default=HERE / "text_scale_results.json")
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.which)))
        return
    doc = json.loads(args.out.read_text()) if args.out.exists() else {}
    with tempfile.TemporaryDirectory(prefix="workbench-text-scale-") as tmp:
        if args.checks:
            doc["checks"] = checks(args.rows, args.repeat, Path(tmp))
            print(json.dumps(doc["checks"], indent=2), flush=True)
        if args.study:
            doc["study"] = studies(args.rows, args.study_repeat, args.keep)
            print(json.dumps(doc["study"]["median"], indent=2), flush=True)
            if not doc["study"]["text_is_model_input"]:
                print("note: the text was no model input in this run (no text models yet)")
    doc["load_average_at_end"] = os.getloadavg()[0]
    args.out.write_text(json.dumps(doc, indent=2) + "\n")


if __name__ == "__main__":
    main()
