"""Refit the promoted configuration on labelled rows.

    python train.py --data rows.csv|rows.parquet --out model.skops

Reads config.yaml and contract.yaml beside this script; rows need the features and the target.
"""

import argparse
import sys
from pathlib import Path

import yaml

from baselines import ColumnRoles
from workbench.errors import BadInput
from workbench.inputs.files import read_rows
from workbench.store.model_files import save_model

HERE = Path(__file__).resolve().parent


def build_pipeline(config):
    """The winning pipeline, unfitted: the workbench's own builder for the model family."""
    from baselines import family_pipeline

    cols = ColumnRoles(**config["columns"])
    family, params = config["model"]["family"], config["model"]["params"]
    return family_pipeline(family, params, cols, config["task"], config["seed"])


def encode(values, config):
    if config["task"] == "regression":
        return values.to_numpy(dtype="float64")
    codes = {c: i for i, c in enumerate(config["classes"])}
    text = values.astype("str")
    unknown = sorted(set(text) - set(codes))
    if unknown:
        raise BadInput(f"target values the model does not know: {', '.join(unknown[:5])}")
    return text.map(codes).to_numpy(dtype="int64")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", required=True, type=Path)
    ap.add_argument("--out", required=True, type=Path)
    args = ap.parse_args()
    config = yaml.safe_load((HERE / "config.yaml").read_text())
    target = config["target"]
    try:
        rows, warnings = read_rows(
            args.data,
            HERE / "contract.yaml",
            [*config["features"], target],
            **config.get("reading", config.get("csv", {})),
        )
        rows = rows.loc[rows[target].notna()]
        model = build_pipeline(config).fit(rows[config["features"]], encode(rows[target], config))
    except BadInput as exc:
        sys.exit(f"error: {exc}")
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
    save_model(model, args.out)
    print(f"trained on {len(rows):,} rows: {args.out}")


if __name__ == "__main__":
    main()
