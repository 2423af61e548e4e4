"""One fold of the `linear` baseline on free text, in isolation: the 20,000-ticket sample of
a text study (benchmarks/text_scale.py's tickets), five stratified folds, and for each fold
asked the CPU seconds of this process to read the text (the preprocessing) and to fit the
logistic regression, its Newton iterations and the fold's macro F1.

    uv run python benchmarks/text_fold.py --folds 0,1,2,3,4
    uv run python benchmarks/text_fold.py --folds 0 --variant text_alone
    uv run python benchmarks/text_fold.py --folds 0 --variant scaled --scale 0.3

`text_alone` drops the channel and the priority from the fitted rows (the text's weights
only); `scaled` multiplies those columns by `--scale` (a different model: their penalty
changes) to see whether their scale slows the solver. Figures in benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

TABULAR = 4  # the scaled priority and the channel's three levels come first


def main() -> None:
    import numpy as np
    import scipy.sparse as sp
    from sklearn.metrics import f1_score
    from sklearn.model_selection import StratifiedKFold
    from text_scale import tickets
    from threadpoolctl import threadpool_limits

    from baselines import build
    from baselines.columns import ColumnRoles

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--folds", default="0")
    parser.add_argument("--variant", choices=["linear", "text_alone", "scaled"], default="linear")
    parser.add_argument("--scale", type=float, default=0.3)
    args = parser.parse_args()
    threadpool_limits(1)  # one thread per fit, as in a study
    # the first `rows` of a quarter more generated (as the figures in RESULTS.md were made)
    frame = tickets(args.rows + args.rows // 4).iloc[: args.rows].reset_index(drop=True)
    _, y = np.unique(frame.pop("team"), return_inverse=True)
    cols = ColumnRoles(numeric=["priority"], categorical=["channel"], text=["description"])
    folds = list(StratifiedKFold(5, shuffle=True, random_state=0).split(frame, y))

    def shaped(Xt):
        if args.variant == "text_alone":
            return Xt[:, TABULAR:]
        if args.variant == "scaled":
            d = np.ones(Xt.shape[1], dtype=Xt.dtype)
            d[:TABULAR] = args.scale
            return (Xt @ sp.diags(d)).tocsr().astype(Xt.dtype)
        return Xt

    for i in (int(f) for f in args.folds.split(",")):
        tr, va = folds[i]
        model = build("linear", cols, "multiclass", 0)
        pre, lr = model[:-1], model[-1]
        t0 = time.process_time()
        Xt = shaped(pre.fit_transform(frame.iloc[tr], y[tr]))
        t1 = time.process_time()
        lr.fit(Xt, y[tr])
        t2 = time.process_time()
        p = lr.predict(shaped(pre.transform(frame.iloc[va])))
        row = {
            "fold": i,
            "variant": args.variant,
            "columns": Xt.shape[1],
            "nonzeros": int(Xt.nnz),
            "read_cpu_s": round(t1 - t0, 1),
            "fit_cpu_s": round(t2 - t1, 1),
            "newton_iterations": int(np.max(lr.n_iter_)),
            "macro_f1": round(float(f1_score(y[va], p, average="macro")), 6),
        }
        print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
