#!/usr/bin/env python3
"""Set up the locked environment and run the demo or the tests: `python3 dev.py demo|test`
(`python3 dev.py demo --forecast`: the forecasting demo).

Needs only Python 3.11+. It installs uv into `.tools/` when uv is not on PATH, creates `.venv`
from `uv.lock` with this same Python (never a downloaded one), then runs the command.
Extra arguments after `test` go to pytest.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TOOLS = ROOT / ".tools"
UV_VERSION = "0.13.9"


def uv() -> str:
    found = shutil.which("uv")
    if found:
        return found
    bindir = TOOLS / ("Scripts" if os.name == "nt" else "bin")
    exe = bindir / ("uv.exe" if os.name == "nt" else "uv")
    if not exe.exists():
        print(f"Installing uv {UV_VERSION} into {TOOLS.name}/ ...", flush=True)
        venv.create(TOOLS, with_pip=True)
        subprocess.run(
            [
                str(bindir / "python"),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                f"uv=={UV_VERSION}",
            ],
            check=True,
        )
    return str(exe)


# What each command installs, and no more: the demo needs its data set (`demo`), the tests also
# need MLflow (`mlflow`, the tracking tests) and the development tools (the `dev` group: pytest,
# Selenium, ...). Other extras install when asked for: `uv run --extra lab jupyter lab` (not by
# default: JupyterLab's dependencies bring a JSON-schema format checker that builds a grammar
# for 2.6 s whenever papermill is imported, once per run). Syncing is inexact: what another
# command (or an extra asked for) installed stays, so switching commands reinstalls nothing.
NEEDS = {
    "demo": ["--extra", "demo", "--no-dev"],
    "test": ["--extra", "demo", "--extra", "mlflow"],
    "setup": ["--extra", "demo", "--extra", "mlflow"],
}


def sync(tool: str, command: str) -> None:
    # Python writes the bytecode of what it imports next to the sources, once. Only where it
    # may not (PYTHONDONTWRITEBYTECODE, a read-only checkout) is all of it compiled here: else
    # every process — each stage kernel, each test — would compile pandas and scikit-learn again
    # (6 s instead of 2 s to import them). Compiling every installed file costs 35 s on two
    # cores, most of it for modules no run imports.
    cannot_write = bool(os.environ.get("PYTHONDONTWRITEBYTECODE")) or not os.access(ROOT, os.W_OK)
    subprocess.run(
        [
            tool,
            "sync",
            "--locked",
            "--inexact",
            *NEEDS[command],
            *(["--compile-bytecode"] if cannot_write else []),
            "--python",
            sys.executable,
        ],
        cwd=ROOT,
        check=True,
    )


# Debian packages the tests use, with a file that shows each is installed: PostgreSQL for the
# distributed-tuning and database tests, Chromium and its driver to open the report in a real
# headless browser.
SYSTEM_PACKAGES = {
    "postgresql": "/usr/lib/postgresql/*/bin/initdb",
    "chromium": "/usr/bin/chromium",
    "chromium-driver": "/usr/bin/chromedriver",
}


def ensure_system_packages() -> None:
    """Install the missing test packages when we may (root with apt-get); otherwise the tests
    that need them are skipped, and we say so."""
    import glob

    missing = [name for name, probe in SYSTEM_PACKAGES.items() if not glob.glob(probe)]
    if not missing:
        return
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        print(f"Installing Debian packages for the tests: {', '.join(missing)} ...", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", *missing],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
        )
    else:
        print(
            f"Not installed: {', '.join(missing)}; the tests that need them will be skipped "
            "(install these Debian packages to run them).",
            flush=True,
        )


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):  # noqa: UP036  (dev.py may be started by an older Python)
        print("Python 3.11 or newer is needed.", file=sys.stderr)
        return 2
    if not argv or argv[0] not in ("demo", "test", "setup"):
        print(__doc__, file=sys.stderr)
        return 2
    os.environ.setdefault("UV_PYTHON_DOWNLOADS", "never")
    tool = uv()
    sync(tool, argv[0])
    run = [tool, "run", "--no-sync", "--python", sys.executable]  # synced just above
    if argv[0] == "demo":
        return subprocess.run([*run, "workbench", "demo", *argv[1:]], cwd=ROOT).returncode
    if argv[0] == "test":
        ensure_system_packages()
        # one worker per core: the models run single-threaded, so two test processes on two
        # cores do not oversubscribe; tests sharing the finished study stay on one worker
        parallel = ["-n", "auto", "--dist", "loadgroup"]
        return subprocess.run([*run, "pytest", *parallel, *argv[1:]], cwd=ROOT).returncode
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
