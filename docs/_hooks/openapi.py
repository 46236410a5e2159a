"""MkDocs hook: write the HTTP API page from the service's own OpenAPI schema.

The page ``http-api.md`` holds the line ``<!-- openapi -->``; at build time it is replaced
by one section per route (method, path, summary, description, parameters, request body,
answers) and one table per schema, read from :func:`aligner.service.create_app`'s
``openapi()``. The page cannot drift from the code: it is the code's own description.
"""

from __future__ import annotations

import tempfile
from typing import Any

MARK = "<!-- openapi -->"


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Replace the mark in the HTTP API page by the rendered schema."""
    if MARK not in markdown:
        return markdown
    from aligner.service import create_app  # the docs build imports the service on its own

    with tempfile.TemporaryDirectory() as store:
        schema = create_app(store).openapi()
    return markdown.replace(MARK, render(schema))


def render(schema: dict[str, Any]) -> str:
    """Return the routes and the schemas of an OpenAPI document as Markdown."""
    lines = [
        f"Version {schema['info']['version']} of the service (OpenAPI {schema['openapi']}).",
        "",
    ]
    for path, operations in schema["paths"].items():
        for method, op in operations.items():
            lines += _operation(method.upper(), path, op)
    lines += ["## Schemas", ""]
    for name, model in sorted(schema.get("components", {}).get("schemas", {}).items()):
        lines += _model(name, model)
    return "\n".join(lines)


def _operation(method: str, path: str, op: dict[str, Any]) -> list[str]:
    lines = [f"## `{method} {path}`", "", f"**{op.get('summary', '')}**", ""]
    if op.get("description"):
        lines += [_escape(op["description"]), ""]
    params = op.get("parameters", [])
    if params:
        lines += [
            "| parameter | in | type | required | description |",
            "| --- | --- | --- | --- | --- |",
        ]
        for p in params:
            kind = _type(p.get("schema", {}))
            text = _cell(p.get("description", "") or p.get("schema", {}).get("description", ""))
            needed = "yes" if p.get("required") else "no"
            lines.append(f"| `{p['name']}` | {p['in']} | {kind} | {needed} | {text} |")
        lines.append("")
    body = op.get("requestBody", {}).get("content", {})
    for media, content in body.items():
        lines += [f"Request body ({media}): {_type(content.get('schema', {}))}", ""]
    answers = op.get("responses", {})
    if answers:
        lines += ["| status | answer |", "| --- | --- |"]
        for status, answer in answers.items():
            content = answer.get("content", {})
            kinds = ", ".join(f"{m}: {_type(c.get('schema', {}))}" for m, c in content.items())
            lines.append(f"| {status} | {_cell(answer.get('description', ''))} {kinds} |")
        lines.append("")
    return lines


def _model(name: str, model: dict[str, Any]) -> list[str]:
    lines = [f"### {name}", ""]
    if model.get("description"):
        lines += [_escape(model["description"]), ""]
    fields = model.get("properties", {})
    if fields:
        required = set(model.get("required", []))
        lines += ["| field | type | required | description |", "| --- | --- | --- | --- |"]
        for field, spec in fields.items():
            lines.append(
                f"| `{field}` | {_type(spec)} | {'yes' if field in required else 'no'} "
                f"| {_cell(spec.get('description', ''))} |"
            )
        lines.append("")
    return lines


def _type(spec: dict[str, Any] | bool) -> str:
    """Say a JSON schema's type in a few words."""
    if isinstance(spec, bool):
        return "any"
    if "$ref" in spec:
        name = spec["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{name.lower()})"
    for key in ("anyOf", "oneOf"):
        if key in spec:
            return " or ".join(_type(s) for s in spec[key])
    kind = spec.get("type", "any")
    if kind == "array":
        return f"list of {_type(spec.get('items', {}))}"
    if kind == "object" and "additionalProperties" in spec:
        return f"map to {_type(spec['additionalProperties'])}"
    if "enum" in spec:
        return " / ".join(f"`{v}`" for v in spec["enum"])
    return str(kind)


def _cell(text: str) -> str:
    return _escape(" ".join(str(text).split())).replace("|", "\\|")


def _escape(text: str) -> str:
    return text.replace("<", "&lt;").replace(">", "&gt;")
