"""Reading YAML files into plain mappings with errors that name the file and the line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from workbench.errors import BadInput, did_you_mean


class _StrictLoader(yaml.SafeLoader):
    """A safe loader that refuses a key given twice in one mapping (plain YAML keeps the last
    one silently, so an edit can be lost without a word)."""


def _no_duplicates(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False):
    seen: dict[Any, Any] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"the key '{key}' appears twice in the same mapping",
                key_node.start_mark,
            )
        seen[key] = True
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicates)


def read_yaml_mapping(path: Path, what: str) -> dict[str, Any]:
    """Parse `path` as a YAML mapping; raise `BadInput` naming the file otherwise."""
    if not path.exists():
        raise BadInput(
            f"the {what} file does not exist",
            file=str(path),
            fix=f"check the path, or create the {what} with `workbench init`",
        )
    if path.is_dir():
        raise BadInput(f"the {what} path is a directory, not a file", file=str(path))
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise BadInput(
            f"the {what} is not UTF-8 text (byte {exc.start})",
            file=str(path),
            fix="save the file as UTF-8",
        ) from None
    except OSError as exc:
        raise BadInput(f"the {what} cannot be read ({exc.strerror})", file=str(path)) from None
    try:
        data = yaml.load(text, Loader=_StrictLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "invalid syntax"
        raise BadInput(
            f"the {what} is not valid YAML{where}: {problem}",
            file=str(path),
            fix="correct the YAML syntax there (indentation, a missing colon or quote)",
        ) from None
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}"
        raise BadInput(
            f"the {what} must be a YAML mapping of keys to values, but it is {kind}",
            file=str(path),
            fix=f"start from the {what} that `workbench init` writes",
        )
    return data


def pydantic_problem(exc: Any, model: Any, path: Path, what: str) -> BadInput:
    """Turn a pydantic ValidationError into one `BadInput` naming field and fix."""
    problems = []
    first_field = None
    for err in exc.errors():
        loc = [str(p) for p in err["loc"]]
        field = ".".join(loc) if loc else "(top level)"
        first_field = first_field or field
        kind = err["type"]
        if kind == "extra_forbidden":
            known = _fields_at(model, loc[:-1])
            hint = did_you_mean(loc[-1], known)
            problems.append(
                f"'{field}' is not a known key.{hint} Known keys here: {', '.join(sorted(known))}"
            )
        elif kind == "missing":
            problems.append(f"'{field}' is required but missing")
        else:
            given = err.get("input")
            shown = "" if isinstance(given, dict | list) else f" (found {given!r})"
            problems.append(f"'{field}': {err['msg']}{shown}")
    return BadInput(
        "; ".join(problems),
        file=str(path),
        field=first_field,
        fix=f"edit the {what}; every key is described in docs/reference/",
    )


def _fields_at(model: Any, loc: list[str]) -> list[str]:
    """Field names of the (nested) pydantic model at `loc`, for 'did you mean' hints."""
    import typing

    current = model
    for part in loc:
        fields = getattr(current, "model_fields", None)
        if fields is None:
            return []
        if part in fields:
            current = _model_in(fields[part].annotation)
        else:  # a dict key, e.g. a column name in a contract
            args = typing.get_args(current) if not hasattr(current, "model_fields") else ()
            current = _model_in(args[-1]) if args else current
    fields = getattr(current, "model_fields", None)
    return list(fields) if fields else []


def _model_in(annotation: Any) -> Any:
    """The first pydantic model inside an annotation such as `Split | None` or `dict[str, X]`."""
    import typing

    if hasattr(annotation, "model_fields"):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """A nested mapping (a spec) as dotted keys: {"a": {"b": 1}} -> {"a.b": 1}."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for k, v in value.items():
            out.update(flatten(v, f"{prefix}{k}."))
        return out
    return {prefix.rstrip("."): value}
