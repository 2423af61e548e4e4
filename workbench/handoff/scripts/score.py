"""Score rows with the promoted model.

    python score.py --data rows.csv|rows.parquet [--model model.skops] --out predictions.csv

One output row per input row, in input order: p_<class> per class, or prediction (regression).
"""

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from workbench.errors import BadInput
from workbench.inputs.files import read_rows
from workbench.store.model_files import load_model

HERE = Path(__file__).resolve().parent


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", required=True, type=Path)
    ap.add_argument("--model", default=HERE / "model.skops", type=Path)
    ap.add_argument("--out", required=True, type=Path)
    args = ap.parse_args()
    config = yaml.safe_load((HERE / "config.yaml").read_text())
    try:
        model = load_model(args.model)
        rows, warnings = read_rows(
            args.data,
            HERE / "contract.yaml",
            config["features"],
            **config.get("reading", config.get("csv", {})),
        )
    except BadInput as exc:
        sys.exit(f"error: {exc}")
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
    X = rows[config["features"]]
    if config["task"] == "regression":
        # float64 before writing: XGBoost predicts float32, whose text form reads back shifted
        out = pd.DataFrame({"prediction": np.asarray(model.predict(X), dtype="float64")})
    else:
        proba = np.zeros((len(X), len(config["classes"])))
        # a model refitted on rows lacking a class predicts fewer columns: keep them aligned
        proba[:, model.classes_] = model.predict_proba(X)
        out = pd.DataFrame(proba, columns=[f"p_{c}" for c in config["classes"]])
    out.to_csv(args.out, index=False)
    print(f"scored {len(out):,} rows: {args.out}")


if __name__ == "__main__":
    main()
