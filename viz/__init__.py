"""Interactive views of the graph: vis-network pages for an entity's neighbourhood, the
paths between two entities, one article's graph and the whole graph.

views.py asks the store, layout.py places the nodes, render.py makes the page's JSON,
page.py the HTML, routes.py serves it; `write_file` is what `rekg view` uses.
"""
from __future__ import annotations

from pathlib import Path


def write_file(view, path: str | Path, color: str = "label") -> Path:
    """A self-contained page (vis-network inlined, no network needed). Clicking a node in
    it re-centres on that node, since a file has no server to build the node's own view."""
    from rekg.viz import page, render

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page.view_html(render.page_data(view, color=color)), encoding="utf-8")
    return path
