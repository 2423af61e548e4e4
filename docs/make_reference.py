"""Write the reference pages of the experiment spec and the data contract from their models.

    uv run python docs/make_reference.py           # rewrite docs/reference/spec.md and contract.md
    uv run python docs/make_reference.py --check   # exit 1 when a page is stale

Each page has a hand-written part (title, examples, explanations) and, between two marker
lines, a generated block: for every pydantic model reachable from the top model (`Spec` in
`workbench.inputs.spec`, `Contract` in `workbench.inputs.contract`), a table of its keys by
dotted path, with their type, default and description. Descriptions are the fields' own
`description=`; a field without one gets an empty cell. Only the generated block is rewritten;
everything outside the markers is kept as it is.
"""

from __future__ import annotations

import argparse
import inspect
import json
import re
import sys
import types
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import annotated_types
from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere: import the checkout's workbench
    sys.path.insert(0, str(ROOT))

COMMAND = "uv run python docs/make_reference.py"
BEGIN = f"<!-- BEGIN GENERATED: written by `{COMMAND}` from the models; do not edit by hand -->"
END = "<!-- END GENERATED -->"

SCALARS: dict[Any, str] = {
    str: "text",
    int: "integer",
    float: "number",
    bool: "true/false",
    Any: "any value",
    type(None): "null",
}


# -- reading the models --------------------------------------------------------------------------
@dataclass
class Row:
    key: str
    type: str
    default: str
    description: str


@dataclass
class Section:
    path: str  # dotted prefix of the model's keys; "" for the top model
    model: type[BaseModel]
    rows: list[Row]

    @property
    def heading(self) -> str:
        return "Top-level keys" if not self.path else f"Keys under `{self.path}`"


def anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def is_model(annotation: Any) -> bool:
    return inspect.isclass(annotation) and issubclass(annotation, BaseModel)


def nested_models(annotation: Any, path: str) -> list[tuple[type[BaseModel], str]]:
    """The models inside an annotation, each with the dotted path its keys live under:
    `path` for a model (or an optional one), `path.<name>` for the values of a mapping,
    `path[]` for the items of a list."""
    origin, args = get_origin(annotation), get_args(annotation)
    if is_model(annotation):
        return [(annotation, path)]
    if origin is Annotated:
        return nested_models(args[0], path)
    if origin in (Union, types.UnionType):
        return [m for a in args for m in nested_models(a, path)]
    if origin is dict and len(args) == 2:
        return nested_models(args[1], f"{path}.<name>")
    if origin is list and args:
        return nested_models(args[0], f"{path}[]")
    return []


def _or(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} or {parts[-1]}"


def _grouped(text: str) -> str:
    return f"({text})" if " or " in text or ", " in text else text


def type_text(annotation: Any, ref: Callable[[type[BaseModel]], str]) -> str:
    """A readable name for a type annotation; `ref` names a nested model (a link)."""
    origin, args = get_origin(annotation), get_args(annotation)
    if is_model(annotation):
        return ref(annotation)
    if origin is Annotated:
        return type_text(args[0], ref)
    if origin in (Union, types.UnionType):
        kept = [a for a in args if a is not type(None)]
        return _or([type_text(a, ref) for a in kept]) if kept else "null"
    if origin is Literal:
        values = [f"`{json.dumps(v) if not isinstance(v, str) else v}`" for v in args]
        return values[0] if len(values) == 1 else f"one of {', '.join(values)}"
    if origin is dict or annotation is dict:
        if len(args) != 2:
            return "mapping"
        return (
            f"mapping of {_grouped(type_text(args[0], ref))} → {_grouped(type_text(args[1], ref))}"
        )
    if origin is list or annotation is list:
        return f"list of {_grouped(type_text(args[0], ref))}" if args else "list"
    if annotation in SCALARS:
        return SCALARS[annotation]
    return getattr(annotation, "__name__", str(annotation))


def _number(value: float) -> str:
    if isinstance(value, int) or (float(value).is_integer() and abs(value) >= 1000):
        return f"{int(value):,}"
    return f"{value:g}"


def constraints(field: FieldInfo, base: str) -> str:
    """`base` with the field's constraints: bounds, length, pattern."""
    lo = hi = None
    lo_open = hi_open = False
    extras: list[str] = []
    for m in field.metadata:
        if isinstance(m, annotated_types.Ge):
            lo, lo_open = m.ge, False
        elif isinstance(m, annotated_types.Gt):
            lo, lo_open = m.gt, True
        elif isinstance(m, annotated_types.Le):
            hi, hi_open = m.le, False
        elif isinstance(m, annotated_types.Lt):
            hi, hi_open = m.lt, True
        elif isinstance(m, annotated_types.MinLen):
            if m.min_length == 1:
                base = f"non-empty {base}"
            else:
                unit = "characters" if base == "text" else "entries"
                extras.append(f"at least {m.min_length} {unit}")
        elif isinstance(m, annotated_types.MaxLen):
            unit = "characters" if base.endswith("text") else "entries"
            extras.append(f"at most {m.max_length} {unit}")
        elif getattr(m, "pattern", None):
            extras.append(f"matching `{m.pattern}`")
    if lo is not None and hi is not None:
        left, right = "(" if lo_open else "[", ")" if hi_open else "]"
        base += f" in {left}{_number(lo)}, {_number(hi)}{right}"
    elif lo is not None:
        base += f" {'>' if lo_open else '≥'} {_number(lo)}"
    elif hi is not None:
        base += f" {'<' if hi_open else '≤'} {_number(hi)}"
    return ", ".join([base, *extras])


def value_text(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, BaseModel):
        return "its keys' defaults"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, str):
        return f"`{value}`" if value else '`""`'
    if isinstance(value, int | float):
        return f"`{value!r}`"
    return f"`{json.dumps(value, default=str)}`"


def default_text(field: FieldInfo) -> str:
    if field.default_factory is not None:
        return value_text(field.default_factory())
    if field.default is PydanticUndefined:
        return "required"
    return value_text(field.default)


def walk(model: type[BaseModel], path: str = "") -> list[Section]:
    """The model's section, then those of the models nested in it, depth first in field order."""
    rows: list[Row] = []
    children: list[Section] = []
    for name, field in model.model_fields.items():
        key = f"{path}.{name}" if path else name
        inner = nested_models(field.annotation, key)
        paths = {m: p for m, p in inner}

        def ref(m: type[BaseModel], paths=paths) -> str:
            heading = f"Keys under `{paths[m]}`"
            return f"mapping ([keys under `{paths[m]}`](#{anchor(heading)}))"

        rows.append(
            Row(
                key=f"`{key}`",
                type=constraints(field, type_text(field.annotation, ref)),
                default=default_text(field),
                description=" ".join((field.description or "").split()),
            )
        )
        for m, p in inner:
            children += walk(m, p)
    return [Section(path, model, rows), *children]


# -- writing the pages ---------------------------------------------------------------------------
def cell(text: str) -> str:
    return text.replace("|", "\\|")


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(c) for c in r) + " |" for r in rows]
    return lines


def sections_text(sections: list[Section]) -> list[str]:
    out: list[str] = []
    for s in sections:
        out += [f"### {s.heading}", ""]
        doc = s.model.__dict__.get("__doc__")
        source = f"`{s.model.__module__}.{s.model.__qualname__}`"
        out += [f"{inspect.cleandoc(doc)} ({source})" if doc else f"Model: {source}.", ""]
        out += table(
            ["key", "type", "default", "description"],
            [[r.key, r.type, r.default, r.description] for r in s.rows],
        )
        out.append("")
    return out


def spec_block() -> str:
    from leakage_checks import DEFAULT_SETTINGS
    from workbench.inputs.metrics import DEFAULT_METRICS, METRICS
    from workbench.inputs.spec import Spec

    out = ["## Keys", "", *sections_text(walk(Spec))]

    out += ["### Metrics a spec can name", ""]
    out += [
        "For `metrics.primary` and `metrics.secondary` (`workbench.inputs.metrics`). A "
        "metric must fit the task; the defaults are per task.",
        "",
    ]
    rows = []
    for name, m in METRICS.items():
        defaults = []
        for task, (primary, secondary) in DEFAULT_METRICS.items():
            if name == primary:
                defaults.append(f"primary ({task})")
            elif name in secondary:
                defaults.append(f"secondary ({task})")
        rows.append(
            [
                f"`{name}`",
                m.label,
                ", ".join(m.tasks),
                "higher" if m.greater_is_better else "lower",
                "; ".join(defaults),
            ]
        )
    out += table(["metric", "reads as", "tasks", "better", "default"], rows)

    out += ["", "### Leakage settings (`leakage.*`)", ""]
    out += [
        "The thresholds a spec may override under `leakage:`, with their defaults "
        "(`leakage_checks.DEFAULT_SETTINGS`); any other name is refused.",
        "",
    ]
    out += table(
        ["setting", "default"],
        [[f"`leakage.{k}`", f"`{v!r}`"] for k, v in sorted(DEFAULT_SETTINGS.items())],
    )
    return "\n".join(out) + "\n"


def contract_block() -> str:
    from workbench.inputs.contract import Contract

    return "\n".join(["## Keys", "", *sections_text(walk(Contract))]) + "\n"


PAGES: dict[str, tuple[str, Callable[[], str]]] = {
    "reference/spec.md": ("Reference: the experiment spec", spec_block),
    "reference/contract.md": ("Reference: the data contract", contract_block),
}


def with_block(current: str | None, title: str, block: str) -> str:
    """The page with its generated block replaced (or, on a page without one, appended)."""
    if current is None:
        current = f"# {title}\n"
    if BEGIN in current and END in current:
        head = current[: current.index(BEGIN)]
        tail = current[current.index(END) + len(END) :]
    else:
        head, tail = current.rstrip("\n") + "\n\n", "\n"
    return f"{head}{BEGIN}\n\n{block.strip()}\n\n{END}{tail}"


def render_pages() -> dict[Path, str]:
    """What each reference page should hold, from its current hand-written part and the models."""
    pages = {}
    for rel, (title, block) in PAGES.items():
        path = DOCS / rel
        current = path.read_text(encoding="utf-8") if path.exists() else None
        pages[path] = with_block(current, title, block())
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when a page is stale")
    args = parser.parse_args(argv)
    stale = []
    for path, text in render_pages().items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(path.relative_to(ROOT).as_posix())
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if args.check and stale:
        print(f"stale: {', '.join(stale)}; regenerate with `{COMMAND}`", file=sys.stderr)
        return 1
    for name in stale:
        print(f"wrote {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
