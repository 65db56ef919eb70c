"""The graph view's cytoscape.js stylesheet, derived from `papergraph.grass` (Neo4j Browser's style file)
so the explorer and Neo4j Browser colour and caption nodes alike.

The stylesheet is written to `api/static/graph-style.json`, which the app serves and the package ships
(`papergraph.grass` sits outside the package); a test fails when it is stale. Regenerate it with

    .venv/bin/python -m api.graph_style
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GRASS = ROOT / "papergraph.grass"
STYLESHEET = Path(__file__).resolve().parent / "static" / "graph-style.json"

_RULE = re.compile(r'([\w.]+)\s*\{((?:[^{}"]|"[^"]*")*)\}')  # a quoted caption may hold braces
_DECLARATION = re.compile(r'([\w-]+)\s*:\s*("[^"]*"|[^;"]+);')


def parse_grass(text: str) -> dict[str, dict[str, str]]:
    """Selector ("node", "node.Paper", "relationship.USES") -> its declarations, values unquoted."""
    return {selector: {name: value.strip().strip('"') for name, value in _DECLARATION.findall(body)}
            for selector, body in _RULE.findall(text)}


def captions(grass: dict[str, dict[str, str]]) -> dict[str, str]:
    """Node label -> the property its caption shows ("{title}" -> "title")."""
    return {selector.split(".", 1)[1]: rule["caption"].strip("{}")
            for selector, rule in grass.items() if selector.startswith("node.") and "caption" in rule}


def _px(value: str) -> float:
    return float(value.removesuffix("px"))


def _node_style(rule: dict[str, str]) -> dict[str, Any]:
    style: dict[str, Any] = {}
    if "diameter" in rule:
        size = _px(rule["diameter"])
        style.update({"width": size, "height": size, "text-max-width": size - 8})
    names = {"color": "background-color", "border-color": "border-color", "text-color-internal": "color"}
    style.update({names[k]: v for k, v in rule.items() if k in names})
    if "border-width" in rule:
        style["border-width"] = _px(rule["border-width"])
    if "font-size" in rule:
        style["font-size"] = _px(rule["font-size"])
    return style


def _edge_style(rule: dict[str, str]) -> dict[str, Any]:
    style: dict[str, Any] = {}
    if "color" in rule:
        style.update({"line-color": rule["color"], "target-arrow-color": rule["color"]})
    if "shaft-width" in rule:
        style["width"] = _px(rule["shaft-width"])
    if "font-size" in rule:
        style["font-size"] = _px(rule["font-size"])
    if "text-color-external" in rule:
        style["color"] = rule["text-color-external"]
    return style


def cytoscape_style(grass: dict[str, dict[str, str]]) -> list[dict[str, Any]]:
    """The cytoscape.js stylesheet: grass's "node" and "relationship" rules, then one rule per label
    and type (nodes and edges carry their label or type as a class). Captions are inside the node,
    cut with an ellipsis; the page shows the whole caption of the selected node."""
    sheet: list[dict[str, Any]] = [
        {"selector": "node", "style": {"label": "data(caption)", "text-valign": "center", "text-halign": "center",
                                       "text-wrap": "ellipsis", **_node_style(grass.get("node", {}))}},
        {"selector": "edge", "style": {"label": "data(type)", "curve-style": "bezier", "target-arrow-shape": "triangle",
                                       "text-rotation": "autorotate", "text-background-color": "#FFFFFF",
                                       "text-background-opacity": 0.8,
                                       **_edge_style(grass.get("relationship", {}))}},
    ]
    for selector, rule in grass.items():
        kind, _, name = selector.partition(".")
        if name and kind == "node":
            sheet.append({"selector": f"node.{name}", "style": _node_style(rule)})
        elif name and kind == "relationship":
            sheet.append({"selector": f"edge.{name}", "style": _edge_style(rule)})
    sheet.append({"selector": "node:selected", "style": {"border-width": 4, "border-color": "#2A2C34"}})
    sheet.append({"selector": "node.start", "style": {"border-width": 4}})
    return sheet


def stylesheet_text(grass_text: str) -> str:
    return json.dumps(cytoscape_style(parse_grass(grass_text)), indent=1) + "\n"


if __name__ == "__main__":
    STYLESHEET.write_text(stylesheet_text(GRASS.read_text(encoding="utf-8")), encoding="utf-8")
    sys.stdout.write(f"wrote {STYLESHEET.relative_to(ROOT)}\n")
