"""Search spaces per model family, declared as data so a spec can narrow, widen or fix any
parameter (the pipeline a family's parameters build is `baselines.family_pipeline`)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the spaces are data: reading a spec must not import the model libraries
    import optuna


@dataclass(frozen=True)
class Param:
    kind: str  # "int" | "float" | "categorical"
    low: float | None = None
    high: float | None = None
    log: bool = False
    choices: tuple[Any, ...] = ()

    def suggest(self, trial: optuna.Trial, name: str):
        if self.kind == "int":
            return trial.suggest_int(name, int(self.low), int(self.high), log=self.log)
        if self.kind == "float":
            return trial.suggest_float(name, float(self.low), float(self.high), log=self.log)
        return trial.suggest_categorical(name, list(self.choices))


SPACES: dict[str, dict[str, Param]] = {
    "xgboost": {
        "n_estimators": Param("int", 50, 600, log=True),
        "max_depth": Param("int", 2, 8),
        "learning_rate": Param("float", 0.01, 0.3, log=True),
        "subsample": Param("float", 0.5, 1.0),
        "colsample_bytree": Param("float", 0.4, 1.0),
        "min_child_weight": Param("float", 1.0, 20.0, log=True),
        "reg_lambda": Param("float", 1e-3, 10.0, log=True),
    },
    "hist_gradient_boosting": {
        "max_iter": Param("int", 50, 500, log=True),
        "learning_rate": Param("float", 0.01, 0.3, log=True),
        "max_leaf_nodes": Param("int", 8, 128, log=True),
        "min_samples_leaf": Param("int", 5, 100, log=True),
        "l2_regularization": Param("float", 1e-4, 10.0, log=True),
    },
    "random_forest": {
        "n_estimators": Param("int", 100, 400, log=True),
        "max_depth": Param("int", 3, 24),
        "min_samples_leaf": Param("int", 1, 20, log=True),
        "max_features": Param("float", 0.2, 1.0),
    },
    "linear": {
        "C": Param("float", 1e-3, 100.0, log=True),  # classification: inverse regularisation
        "alpha": Param("float", 1e-3, 1000.0, log=True),  # regression: ridge penalty
    },
}
FAMILIES = tuple(SPACES)

# How free text is read, searched together with the model when the study has a text input
# (`text_<setting>`, see `baselines.text.TextSettings`): for linear models the TF-IDF's word
# and character n-gram ranges and minimum document frequency; for tree models the number of
# dimensions the text is reduced to and whether they come from characters or words.
_TREE_TEXT = {
    "text_dimensions": Param("int", 10, 200, log=True),
    "text_analyzer": Param("categorical", choices=("char_wb", "word")),
}
TEXT_SPACES: dict[str, dict[str, Param]] = {
    "xgboost": _TREE_TEXT,
    "hist_gradient_boosting": _TREE_TEXT,
    "random_forest": _TREE_TEXT,
    "linear": {
        "text_word_ngrams": Param("categorical", choices=("1-1", "1-2", "1-3")),
        "text_char_ngrams": Param("categorical", choices=("none", "2-4", "3-5")),
        "text_min_df": Param("int", 1, 5),
    },
}
TEXT_DEFAULTS = {  # `baselines.text.TextSettings`' own: the text baselines read text this way
    "text_word_ngrams": "1-2",
    "text_char_ngrams": "3-5",
    "text_min_df": 2,
    "text_dimensions": 30,
    "text_analyzer": "char_wb",
}


def parameters(family: str) -> dict[str, Param]:
    """Every parameter a spec may set for `family`: the model's and the text's."""
    return {**SPACES[family], **TEXT_SPACES[family]}


# Each library's own defaults: the first trial of every study, so that tuning starts from the
# configuration a plain fit would use and can only improve on it (on the tuning rows). Random
# forests are left out: their defaults (no depth limit, "sqrt" features) lie outside the space.
DEFAULTS: dict[str, dict[str, Any]] = {
    "xgboost": {
        "n_estimators": 100,
        "max_depth": 6,
        "learning_rate": 0.3,
        "subsample": 1.0,
        "colsample_bytree": 1.0,
        "min_child_weight": 1.0,
        "reg_lambda": 1.0,
    },
    "hist_gradient_boosting": {
        "max_iter": 100,
        "learning_rate": 0.1,
        "max_leaf_nodes": 31,
        "min_samples_leaf": 20,
        "l2_regularization": 1e-4,  # the library's 0, at the edge of the log-scaled range
    },
    "linear": {"C": 1.0, "alpha": 1.0},
}


def default_trial(family: str, space: dict[str, Param | Any]) -> dict[str, Any]:
    """The family's defaults for the parameters the space searches, each clipped into the
    space's range (a spec may narrow it) and left out where a spec made it a choice list that
    does not hold it."""
    known = {**TEXT_DEFAULTS, **DEFAULTS[family]} if family in DEFAULTS else {}
    return defaults_within(space, known)


def defaults_within(space: dict[str, Param | Any], defaults: dict[str, Any]) -> dict[str, Any]:
    """`defaults` for the parameters `space` searches, each clipped into its range and left
    out where the space is a choice list that does not hold it."""
    out = {}
    for name, p in space.items():
        if not isinstance(p, Param) or name not in defaults:
            continue
        value = defaults[name]
        if p.kind == "categorical":
            if value in p.choices:
                out[name] = value
            continue
        value = min(max(value, p.low), p.high)
        out[name] = round(value) if p.kind == "int" else float(value)
    return out


def space_for(
    family: str, task: str, overrides: dict[str, Any], text: bool = False
) -> dict[str, Param | Any]:
    """The family's space (with `text`, the text representation's too) with the spec's
    overrides: a number or text fixes a parameter; a mapping with low / high / log / choices
    replaces its range."""
    space: dict[str, Param | Any] = {**SPACES[family], **(TEXT_SPACES[family] if text else {})}
    if family == "linear":
        space.pop("alpha" if task != "regression" else "C")
    for name, value in overrides.items():
        if isinstance(value, dict):
            base = space.get(name) if isinstance(space.get(name), Param) else Param("float")
            if "choices" in value:
                space[name] = Param("categorical", choices=tuple(value["choices"]))
            else:
                kind = (
                    "int"
                    if all(isinstance(value.get(k, 0), int) for k in ("low", "high"))
                    and base.kind == "int"
                    else base.kind
                )
                space[name] = replace(
                    base, kind=kind, **{k: value[k] for k in ("low", "high", "log") if k in value}
                )
        else:
            space[name] = value
    return space


def suggest(trial: optuna.Trial, space: dict[str, Param | Any]) -> dict[str, Any]:
    return {
        name: (p.suggest(trial, name) if isinstance(p, Param) else p) for name, p in space.items()
    }
