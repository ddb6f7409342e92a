"""Row hierarchy in a table's label columns: ``#``, ``其中：``, ``内：`` and indentation make a
row the child of the one above; numbered labels (一、 > （一） > 1.) nest by their numbering
style; classification codes (类/款/项: 201 > 20106 > 2010601) by their prefix; a total
stands at the top. All words come from ``rules/tables.yaml`` (``hierarchy``).

>>> from govextract.structure.table_words import load_rules, vocab
>>> v = vocab(load_rules())
>>> a = place("粮食", 0, None, None, v); b = place("其中：夏粮", 1, a, None, v); c = place("秋粮", 4, b, None, v)
>>> b.path(), c.path(), place("一、食品烟酒", 0, c, None, v).path()
(('粮食', '夏粮'), ('粮食', '秋粮'), ('食品烟酒',))
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .table_words import Vocab

_COLON = re.compile(r"^[\s:\uff1a]+")     # a colon (and space) left after a marker


def collapse(path: list[str]) -> tuple[str, ...]:
    out: list[str] = []
    for p in path:
        if p and (not out or out[-1] != p):
            out.append(p)
    return tuple(out)


def _strip_marker(label: str, v: Vocab) -> tuple[str, str]:
    for mk in v.child_markers:
        if label.startswith(mk) and len(label) > len(mk):
            return mk, _COLON.sub("", label[len(mk):])
    return "", label


@dataclass
class Node:
    label: str
    indent: int
    marker: str
    parent: "Node | None"
    in_group: bool = False
    ordinal: int | None = None           # the numbering style's level (一、 0, （一） 1, …)
    code: str = ""                       # the row's classification code (201, 20106, …)

    def path(self) -> tuple[str, ...]:
        out = []
        n: Node | None = self
        while n is not None:
            out.append(n.label)
            n = n.parent
        return tuple(reversed(out))


def ordinal(label: str, v: Vocab) -> int | None:
    return next((k for k, p in enumerate(v.ordinals) if p.match(label)), None)


def place(label: str, indent: int, prev: Node | None, root: Node | None, v: Vocab) -> Node:
    """Where a row goes in the hierarchy, given the row above: a total stands at the top; a
    numbered row goes under the nearest row numbered in an outer style; a 其中/# row under
    the row above; otherwise indentation decides (see the module docstring)."""
    node = _place_row(label, indent, prev, root, v)
    node.ordinal = ordinal(node.label, v)
    if node.ordinal is not None:
        rest = v.ordinals[node.ordinal].sub("", node.label, count=1).strip()
        node.label = rest or node.label          # 一、食品烟酒 is 食品烟酒 in a path
    return node


def _place_row(label: str, indent: int, prev: Node | None, root: Node | None, v: Vocab) -> Node:
    marker, text = _strip_marker(label, v)
    if text.endswith(v.totals) and not marker:
        return Node(text, indent, "", root)
    level = ordinal(text, v)
    if level is not None and not marker:
        n = prev
        while n is not None and n is not root and (n.ordinal is None or n.ordinal >= level):
            n = n.parent
        return Node(text, indent, "", n if n is not None else root)
    if prev is None:
        return Node(text, indent, marker, root)
    if marker:
        if indent > prev.indent:
            return Node(text, indent, marker, prev)
        n: Node | None = prev
        while n is not None and n is not root and n.indent > indent:
            n = n.parent
        if n is None or n is root:
            return Node(text, indent, marker, root)
        if n.indent == indent:
            parent = n.parent if (n.marker or n.in_group) else n
            return Node(text, indent, marker, parent)
        return Node(text, indent, marker, n)
    n = prev
    while n is not None and n is not root and n.indent > indent:
        if n.marker and indent > n.indent - 1:
            break
        n = n.parent
    if n is None or n is root:
        return Node(text, indent, "", root)
    if indent > n.indent:
        if n.marker and indent <= n.indent + len(n.marker) + v.sibling_slack:
            return Node(text, indent, "", n.parent, in_group=True)     # aligned with the text after 其中：
        return Node(text, indent, "", n)
    return Node(text, indent, "", n.parent, in_group=n.in_group or bool(n.marker))


def row_code(row: tuple[str, ...], c: int, roles: list[str]) -> str:
    """The classification code of a row, from the code columns just left of label column ``c``
    (类/款/项: 201 | 06 | 01 → 2010601)."""
    parts: list[str] = []
    k = c - 1
    while k >= 0 and roles[k] == "code":
        parts.insert(0, row[k].replace(" ", ""))
        k -= 1
    code = "".join(parts)
    return code if code.isdigit() and len(code) >= 3 else ""


def by_code(label: str, code: str, seen: list[Node], root: Node | None, v: Vocab) -> Node:
    """A coded row goes under the nearest row above whose code begins its own (201 → 20106)."""
    _, text = _strip_marker(label, v)
    parent = next((n for n in reversed(seen) if code.startswith(n.code) and code != n.code), root)
    level = ordinal(text, v)
    if level is not None:
        text = v.ordinals[level].sub("", text, count=1).strip() or text
    return Node(text, 0, "", parent, code=code)


def row_path(c: int, roles: list[str], nodes: dict[int, Node], label_cols: list[int],
              root: Node | None) -> tuple[str, ...]:
    """The row path of a figure in column ``c``: the label columns just left of it (a unit or
    code column between is skipped), their paths joined, merged repeats dropped."""
    block: list[int] = []
    k = c - 1
    while k >= 0 and roles[k] != "label":
        k -= 1                           # the nearest label column to the left …
    while k >= 0 and roles[k] != "data":
        if roles[k] == "label":
            block.insert(0, k)           # … and the label columns just left of it
        k -= 1
    if not block and label_cols:
        block = [label_cols[0]]
    parts: list[str] = []
    for k in block:
        if k in nodes:
            parts.extend(nodes[k].path())
    if not parts and root is not None:
        parts = list(root.path())
    return collapse(parts)
