"""The HTML of a view: our own Jinja2 template (autoescape on), no CDN, no Bootstrap.

pyvis's template loads Bootstrap from a CDN even with cdn_resources="in_line", inserts
tooltips as raw HTML and leaves its heading unescaped; so only vis-network itself is taken
from pyvis: the standalone build it ships (vis-network 9.1.2, which includes vis-data) is
inlined into the page, or served by rekg at one URL. vis-network's CSS is left out: it
styles the navigation buttons, manipulation toolbar, configurator and built-in tooltip,
none of which the views use.

The graph goes in as JSON inside `<script type="application/json">` (what is drawn in one
block, what tooltips and filters read in another, parsed only when needed) with `<`, `>`, `&` and
the JS line separators escaped, so no article text can end the script element. A
Content-Security-Policy allows only the page's own scripts (by nonce) and no fetches but
to the serving origin: even an injection that slipped through could neither run nor load
anything.
"""
from __future__ import annotations

import json
import secrets
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

HERE = Path(__file__).parent  # view.html, landing.html, view.js, view.css live beside this file
VIS_VERSION = "9.1.2"
_env = Environment(loader=FileSystemLoader(HERE), autoescape=True)


@lru_cache(maxsize=None)
def vis_js() -> str:
    """vis-network's standalone build as shipped inside the pyvis package. The package is
    found, not imported: importing pyvis imports networkx, half a second of a CLI run."""
    spec = find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pyvis is not installed: its vis-network build is what the views draw with")
    lib = Path(spec.submodule_search_locations[0]) / "lib" / f"vis-{VIS_VERSION}" / "vis-network.min.js"
    text = lib.read_text(encoding="utf-8")
    return _inline_safe(text, "vis-network.min.js")


@lru_cache(maxsize=None)
def _static(name: str) -> str:
    return _inline_safe((HERE / name).read_text(encoding="utf-8"), name)


def _inline_safe(text: str, name: str) -> str:
    low = text.lower()
    if "</script" in low or "<!--" in low or "</style" in low:
        raise ValueError(f"{name} cannot be inlined: it contains an HTML end tag or comment opener")
    return text


def script_json(obj) -> Markup:
    """JSON that is safe inside a <script> element: `</script>` can never appear in it."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    for ch, esc in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return Markup(text)


def csp(nonce: str, served: bool) -> str:
    script = f"'nonce-{nonce}'" + (" 'self'" if served else "")
    return (f"default-src 'none'; script-src {script}; style-src 'unsafe-inline'; img-src data:; "
            "connect-src 'self'; base-uri 'none'; form-action 'self'")


def view_html(data: dict, *, vis_src: str | None = None, home: str | None = None) -> str:
    """A complete page. With `vis_src` the page loads vis-network from that URL on rekg's
    own server; without it (files written by the CLI) the library is inlined."""
    nonce = secrets.token_urlsafe(16)
    served = home is not None
    drawing = {k: v for k, v in data.items() if k != "details"}
    return _env.get_template("view.html").render(
        title=data["meta"]["title"],
        notice=data["meta"]["notice"],
        served=served,
        home=home,
        csp=csp(nonce, served),
        nonce=nonce,
        css=Markup(_static("view.css")),
        data_json=script_json(drawing),
        details_json=script_json(data["details"]),
        vis_src=vis_src,
        vis_js=Markup(vis_js()) if not vis_src else None,
        view_js=Markup(_static("view.js")),
    )


def landing_html(**kw) -> str:
    nonce = secrets.token_urlsafe(16)
    return _env.get_template("landing.html").render(nonce=nonce, csp=csp(nonce, True), **kw)
