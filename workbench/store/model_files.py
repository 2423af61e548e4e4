"""Fitted pipelines as skops files: a safe format people can share (no pickle). Loading
accepts only the types the workbench's own pipelines are made of.

A process that saved a model keeps it (`keep`) and `load_model` hands that object back while
the file is as it was written: the assurance stage, in the kernel that ran the evaluation,
reads the candidate without importing skops (whose import scans every scikit-learn estimator:
2 s of every run). A resumed run, in a new process, reads the file."""

from __future__ import annotations

from pathlib import Path

from workbench.errors import BadInput

# Types skops does not trust by default but that the workbench's pipelines legitimately hold.
TRUSTED = {
    "baselines.preprocess.DateFeatures",
    "baselines.preprocess.EmptyAsZero",
    "baselines.forest.BoundedForestClassifier",
    "baselines.forest.BoundedForestRegressor",
    "sklearn.tree._tree.Tree",
    "baselines.preprocess.as_numbers",
    "baselines.preprocess.as_text",
    "xgboost.core.Booster",
    "xgboost.sklearn.XGBClassifier",
    "xgboost.sklearn.XGBRegressor",
    "numpy.dtype",
    "functools.partial",
    "sklearn.ensemble._hist_gradient_boosting.predictor.TreePredictor",
    "sklearn.ensemble._hist_gradient_boosting.binning._BinMapper",
    "sklearn.utils.validation.check_array",
    "sklearn.model_selection._split.KFold",  # the target encoder's seeded folds
    "sklearn._loss.loss.HalfBinomialLoss",
    "sklearn._loss.loss.HalfMultinomialLoss",
    "sklearn._loss.loss.HalfSquaredError",
    "sklearn._loss.link.LogitLink",
    "sklearn._loss.link.MultinomialLogit",
    "sklearn._loss.link.IdentityLink",
    # free text: its vectorizer and reduced form, the text columns as documents, the keyword rule
    "baselines.text.Vectorizer",
    "baselines.text.ReducedText",
    "baselines.text.as_documents",
    "baselines.text.as_double",
    "baselines.text.as_single",
    "baselines.text.TextUnion",
    "baselines.preprocess.LinearColumns",
    "baselines.text.KeywordRule",
}


_KEPT: dict[Path, tuple[object, tuple[int, int]]] = {}


def keep(model, path: Path) -> None:
    """Remember `model` as the content of the file just saved at `path`."""
    st = path.stat()
    _KEPT[path.resolve()] = (model, (st.st_size, st.st_mtime_ns))


def write_model(task: tuple) -> int:
    """A (model, path) task: save the model (in either process) and return the file's size."""
    model, path = task
    save_model(model, path)
    return path.stat().st_size


def save_model(model, path: Path) -> None:
    import skops.io as sio  # on use: its import scans every scikit-learn estimator (seconds)

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".skops.tmp")
    sio.dump(model, tmp)
    tmp.replace(path)


def load_model(path: Path):
    """Load a pipeline saved by `save_model`; refuse files holding any other type. The model
    this process saved at `path` (`keep`) when the file is unchanged since."""
    kept = _KEPT.get(path.resolve())
    if kept is not None and path.exists():
        st = path.stat()
        if kept[1] == (st.st_size, st.st_mtime_ns):
            return kept[0]
    import skops.io as sio

    if not path.exists():
        raise BadInput("the model file does not exist", file=str(path))
    untrusted = set(sio.get_untrusted_types(file=path))
    unknown = sorted(untrusted - TRUSTED)
    if unknown:
        raise BadInput(
            f"the model file holds types the workbench does not produce: {', '.join(unknown)}",
            file=str(path),
            fix="only load model files written by the workbench",
        )
    return sio.load(path, trusted=sorted(untrusted))
