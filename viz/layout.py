"""Node positions computed on the server, so that big views draw without browser physics.

vis-network's own physics does not settle on thousands of nodes (5,000 nodes were still
unresponsive after 150 s), while a page with given positions and physics off draws
20,000 nodes in seconds. Measured on this project's 2-core machine for synthetic
scale-free graphs (1k / 5k / 20k nodes): igraph's Fruchterman-Reingold with its grid
variant 0.1 / 1.3 / 3.5 s; Graphviz sfdp 1.8 / 13 / 82 s; networkx's forceatlas2_layout
14 s / 321 s / -; networkx spring_layout 6.7 s at 1k. igraph is a PyPI wheel with no
numpy, so it is the engine here.

A knowledge graph read from news falls apart into many small components; a single force
layout scatters those across the canvas, so each component is laid out on its own and the
components are packed in rows, biggest first.
"""
from __future__ import annotations

import hashlib
import math
import random
import threading
from collections import OrderedDict
from typing import Iterable

import igraph

EDGE_LENGTH = 120.0  # canvas units between linked nodes; matches the physics springLength
_CACHE: OrderedDict[str, dict[str, tuple[float, float]]] = OrderedDict()
_CACHE_SIZE = 16
_RNG_LOCK = threading.Lock()  # igraph's random source is process-wide


def positions(nodes: list[str], edges: Iterable[tuple[str, str]]) -> dict[str, tuple[float, float]]:
    """x, y for every node id; the same graph always gets the same picture (and is cached)."""
    edge_list = sorted({(a, b) if a <= b else (b, a) for a, b in edges if a != b})
    nodes = sorted(set(nodes))
    key = _key(nodes, edge_list)
    hit = _CACHE.get(key)
    if hit is not None:
        _CACHE.move_to_end(key)
        return hit
    out = _layout(nodes, edge_list)
    _CACHE[key] = out
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return out


def _key(nodes: list[str], edges: list[tuple[str, str]]) -> str:
    h = hashlib.blake2b(digest_size=16)
    for n in nodes:
        h.update(n.encode())
        h.update(b"\0")
    h.update(b"\1")
    for a, b in edges:
        h.update(f"{a}\0{b}\0".encode())
    return h.hexdigest()


def _layout(nodes: list[str], edges: list[tuple[str, str]]) -> dict[str, tuple[float, float]]:
    if not nodes:
        return {}
    index = {n: i for i, n in enumerate(nodes)}
    g = igraph.Graph(n=len(nodes), edges=[(index[a], index[b]) for a, b in edges if a in index and b in index])
    blocks = []
    with _RNG_LOCK:
        igraph.set_random_number_generator(random.Random(len(nodes)))  # same graph, same picture
        try:
            for comp in g.connected_components():
                if len(comp) < 3:  # no subgraph for a lone node or a pair: each new igraph.Graph looks for numpy
                    coords = _SMALL[len(comp)]
                else:
                    coords = _component(g.induced_subgraph(comp, implementation="create_from_scratch"))
                blocks.append(([nodes[i] for i in comp], coords))
        finally:
            igraph.set_random_number_generator(random)
    return _pack(blocks)


_SMALL = {1: [(0.0, 0.0)], 2: [(0.0, 0.0), (EDGE_LENGTH, 0.0)]}


def _component(g: igraph.Graph) -> list[tuple[float, float]]:
    n = g.vcount()
    # deterministic start (igraph would draw a random one): a golden-angle spiral in the
    # unit-per-node scale igraph uses; a larger seed scale made FR ten times slower
    seed = [(math.sqrt(i + 1) * 0.5 * math.cos(i * 2.39996), math.sqrt(i + 1) * 0.5 * math.sin(i * 2.39996))
            for i in range(n)]
    # the grid variant only repels nearby nodes: near-linear, and the exact one is O(n^2) per step
    lay = g.layout_fruchterman_reingold(seed=seed, niter=500 if n <= 5000 else 300, grid=n > 500)
    coords = [tuple(p) for p in lay.coords]
    return _scale(coords, g.get_edgelist())


def _scale(coords: list[tuple[float, float]], edges: list[tuple[int, int]]) -> list[tuple[float, float]]:
    """Centre on the origin and scale so that the median edge is EDGE_LENGTH long, or more
    when that would crowd the nodes: a scale-free component has short paths, so by edge
    length alone its thousands of nodes would pile into a ball a few edges across."""
    n = len(coords)
    cx = sum(x for x, _ in coords) / n
    cy = sum(y for _, y in coords) / n
    lengths = sorted(math.dist(coords[a], coords[b]) for a, b in edges)
    median = lengths[len(lengths) // 2] if lengths else 0.0
    f = EDGE_LENGTH / median if median > 1e-9 else 1.0
    rms = math.sqrt(sum((x - cx) ** 2 + (y - cy) ** 2 for x, y in coords) / n)
    if rms > 1e-9:  # a uniform disc of this rms radius leaves each node a square of 0.8 EDGE_LENGTH
        f = max(f, 0.8 * EDGE_LENGTH * math.sqrt(n / math.pi) / (math.sqrt(2) * rms))
    return [((x - cx) * f, (y - cy) * f) for x, y in coords]


def _pack(blocks: list[tuple[list[str], list[tuple[float, float]]]]) -> dict[str, tuple[float, float]]:
    """Shelf packing: components sorted by size, placed left to right in rows of a square-ish width."""
    pad = EDGE_LENGTH
    boxes = []
    for names, coords in blocks:
        xs = [x for x, _ in coords]
        ys = [y for _, y in coords]
        boxes.append((names, coords, min(xs), min(ys), max(xs) - min(xs) + pad, max(ys) - min(ys) + pad))
    boxes.sort(key=lambda b: (-len(b[0]), -b[4] * b[5], b[0][0]))
    width = max(max(b[4] for b in boxes), math.sqrt(sum(b[4] * b[5] for b in boxes)) * 1.2)
    out: dict[str, tuple[float, float]] = {}
    x = y = row_h = 0.0
    for names, coords, x0, y0, w, h in boxes:
        if x > 0 and x + w > width:
            x, y, row_h = 0.0, y + row_h, 0.0
        for name, (px, py) in zip(names, coords):
            out[name] = (round(px - x0 + x, 1), round(py - y0 + y, 1))
        x += w
        row_h = max(row_h, h)
    # centre the whole drawing on the origin, where vis-network looks first
    cx = (min(p[0] for p in out.values()) + max(p[0] for p in out.values())) / 2
    cy = (min(p[1] for p in out.values()) + max(p[1] for p in out.values())) / 2
    return {k: (round(px - cx, 1), round(py - cy, 1)) for k, (px, py) in out.items()}
