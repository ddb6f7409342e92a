"""What both review pages share: the highlight classes, number formats for people,
the template environment and the atomic write."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..display import display_rules
from ..errors import GovextractError

if TYPE_CHECKING:  # pragma: no cover
    import jinja2

    from ..models import Quantity
    from ..rules import RuleSet


#: highlight classes, in legend order
KINDS = ("money", "percent", "count", "physical", "change", "other")
#: tables shown in a document report, in order
REPORT_TABLES = ("documents", "items", "quantities")
#: columns hidden on screen (constant per report); CSV downloads keep every column
HIDDEN_COLUMNS = {"doc", "doc_id"}
#: below this confidence a quantity is flagged as a doubtful OCR reading
LOW_CONFIDENCE = 1.0
#: the replacement character a lossy decode leaves
REPLACEMENT = "\ufffd"
#: at most this many encoding replacements are listed one by one
MAX_LISTED_REPLACEMENTS = 200
#: CJK font families, in order of preference (fontconfig names): the font stack of the review
#: pages (``{{ cjk_fonts }}`` in templates/report.css) and the fonts compare --chart looks for
CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK TC", "Noto Sans SC", "Noto Serif CJK SC",
             "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
             "SimHei", "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "Heiti SC", "STHeiti",
             "AR PL UMing CN", "Droid Sans Fallback")


class ReportError(GovextractError):
    """A review report cannot be made: templates missing, nothing to compare …"""

    stage = "report"


# --- classification -------------------------------------------------------------
def kind_class(q: "Quantity") -> str:
    """The highlight colour class of a quantity: a change (up/down, percentage
    points, growth) wins over the unit's kind.

    >>> from decimal import Decimal
    >>> from govextract.models import Quantity
    >>> kind_class(Quantity("5元", 0, 2, Decimal(5), "元", "money"))
    'money'
    >>> kind_class(Quantity("2.8个百分点", 0, 7, Decimal("2.8"), "百分点", "pp", change="up"))
    'change'
    >>> kind_class(Quantity("3", 0, 1, Decimal(3), "", "other"))
    'other'
    """
    if q.change or q.kind == "pp" or (q.measure or "").startswith("growth"):
        return "change"
    return q.kind if q.kind in KINDS else "other"


def fmt_number(v: Any) -> str:
    """A number as a person would write it: no trailing zeros, no exponent.

    >>> fmt_number(95000), fmt_number(88.6), fmt_number(1e13), fmt_number(None), fmt_number(float("nan"))
    ('95000', '88.6', '10000000000000', '', '')
    """
    if v is None:
        return ""
    try:
        f = float(v)
    except (TypeError, ValueError):
        return str(v)
    if f != f:
        return ""
    if f.is_integer() and abs(f) < 1e18:
        return str(int(f))
    return f"{f:.6f}".rstrip("0").rstrip(".")


def fmt_short(v: Any, rules: "RuleSet | None" = None) -> str:
    """A number shortened with the scales of ``display.short`` in rules/indicators.yaml
    (万亿, 亿, 万; the first whose ``at`` it reaches) for charts and compact cells; without
    ``rules``, the shipped rules.

    >>> fmt_short(82712200000000), fmt_short(95000), fmt_short(88.6), fmt_short(-1.25e9), fmt_short(None)
    ('82.71万亿', '9.5万', '88.6', '-12.5亿', '')
    """
    if v is None:
        return ""
    f = float(v)
    if f != f:
        return ""
    for sc in display_rules(rules).get("short") or ():
        if abs(f) >= sc["at"]:
            return f"{f / sc['per']:.2f}".rstrip("0").rstrip(".") + sc["unit"]
    return f"{f:.2f}".rstrip("0").rstrip(".") if not f.is_integer() else str(int(f))


# --- context and rendering --------------------------------------------------------
def _environment(rules: "RuleSet | None" = None) -> "jinja2.Environment":
    import jinja2
    import markupsafe

    try:
        loader = jinja2.PackageLoader("govextract", "templates")
    except ValueError as e:  # pragma: no cover - broken install
        raise ReportError("the report templates are missing from the installed package",
                          fix="reinstall govextract") from e
    env = jinja2.Environment(loader=loader, autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)

    def inline(name: str) -> Any:
        """A static file of the templates folder (JS verbatim; CSS with the globals filled in)."""
        import re

        src, _, _ = loader.get_source(env, name)
        if name.endswith(".css"):
            src = env.get_template(name).render() + "\n" * src.endswith("\n")

        return markupsafe.Markup(re.sub(r"</(script|style)", r"<\\/\1", src, flags=re.IGNORECASE))

    env.globals["inline"] = inline
    env.globals["cjk_fonts"] = markupsafe.Markup(", ".join(f'"{f}"' for f in CJK_FONTS))
    env.filters["num"] = fmt_number
    env.filters["short"] = lambda v: fmt_short(v, rules)
    return env


def _render(template: str, context: dict[str, Any], rules: "RuleSet | None" = None) -> str:
    import jinja2

    try:
        return _environment(rules).get_template(template).render(**context)
    except jinja2.TemplateNotFound as e:
        raise ReportError(f"report template {e.name} is missing", fix="reinstall govextract") from e


def write_html(html: str, out: str | Path) -> Path:
    """Write a page atomically (a temp file beside ``out``, renamed into place)."""
    from ..tables import atomic_path

    target = Path(out)
    with atomic_path(target) as tmp:
        tmp.write_text(html, encoding="utf-8")
    return target
