"""The service's ``/docs`` page: its OpenAPI document as one self-contained HTML page.

FastAPI's Swagger UI loads its scripts and styles from a CDN, so on a newsroom network without
internet it is blank; this page needs nothing outside itself.

Example:
    >>> page = render_api_docs({"info": {"title": "t", "version": "1"}, "paths": {}})
    >>> page.startswith("<!doctype html>")
    True
"""

from __future__ import annotations

import html
import json
from typing import Any


def render_api_docs(openapi: dict[str, Any]) -> str:
    """Every path and method with its summary, request body schema and responses, in plain HTML."""
    info = openapi.get("info", {})
    title = html.escape(f"{info.get('title', 'API')} {info.get('version', '')}".strip())
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{title}</title>",
        "<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
        "pre{background:#f4f4f4;padding:.5rem;overflow:auto;font-size:13px}code{font-weight:bold}</style>",
        "</head><body>",
        f"<h1>{title}</h1>",
        f"<p>{html.escape(str(info.get('summary') or info.get('description') or ''))}</p>",
        '<p>The machine-readable document: <a href="/openapi.json">/openapi.json</a>.</p>',
    ]
    for path, methods in openapi.get("paths", {}).items():
        for method, operation in methods.items():
            parts.append(f"<h2><code>{html.escape(method.upper())} {html.escape(path)}</code></h2>")
            parts.append(f"<p>{html.escape(str(operation.get('summary', '')))}</p>")
            body = operation.get("requestBody", {}).get("content", {})
            for media, content in body.items():
                schema = json.dumps(content.get("schema", {}), indent=2)
                parts.append(f"<p>Request body ({html.escape(media)}):</p><pre>{html.escape(schema)}</pre>")
            responses = ", ".join(
                f"{html.escape(code)} {html.escape(str(answer.get('description', '')))}"
                for code, answer in operation.get("responses", {}).items()
            )
            parts.append(f"<p>Responses: {responses}</p>")
    parts.append("</body></html>")
    return "\n".join(parts)
