"""axe-core in the browser tests: the WCAG 2.1 A/AA rules run on the page as it stands.

axe comes from npm (tools/axe, installed by `make node-deps`). The pages forbid inline
scripts, so axe is not added as a <script> element: its source is run as the body of a
function through the DevTools protocol, which the page's Content Security Policy does not
govern, and the page keeps its real policy (its styles are exactly what a user gets).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

AXE_JS = Path(__file__).resolve().parents[2] / "tools/axe/node_modules/axe-core/axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING_IMPACTS = {"serious", "critical"}
# axe cannot always tell a colour contrast (text in an <input>'s value, for one) and files it
# as "incomplete"; an unreadable button hides there, so an undecided contrast fails too
UNDECIDED_FAILS = {"color-contrast"}

RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                          resultTypes: ['violations', 'incomplete']});
  // text in an inline SVG chart is undecided for want of a background: CHART_TEXT checks it
  const html = (n) => !document.querySelector(n.target.join(' '))?.closest('svg');
  const pick = (kind) => (r) => ({kind, rule: r.id, impact: r.impact, help: r.help,
      targets: r.nodes.filter(n => kind === 'violation' || html(n)).map(n => n.target.join(' ')
          + (n.any[0] && n.any[0].message ? ' (' + n.any[0].message + ')' : ''))});
  return result.violations.map(pick('violation'))
    .concat(result.incomplete.map(pick('incomplete')).filter(r => r.targets.length));
}"""
# the charts are drawn on white: each label's own colour against white, AA (4.5:1, 3:1 if large)
CHART_TEXT = """() => {
  const linear = (v) => (v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  const luminance = (c) => { const [r, g, b] = c.match(/[\\d.]+/g).map(Number).map(linear);
                             return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const out = [];
  for (const t of document.querySelectorAll('svg text')) {
    const style = getComputedStyle(t);
    if (!t.textContent.trim() || !style.fill.startsWith('rgb')) continue;
    const ratio = 1.05 / (luminance(style.fill) + 0.05);
    const large = parseFloat(style.fontSize) >= 24
                  || (parseFloat(style.fontSize) >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5))
      out.push(`"${t.textContent.trim()}" ${style.fill} on white: ${ratio.toFixed(2)}:1`);
  }
  return out;
}"""


@dataclass(frozen=True)
class Finding:
    page: str
    kind: str  # violation or incomplete
    rule: str
    impact: str | None
    help: str
    targets: tuple[str, ...]

    def __str__(self) -> str:
        where = "\n      ".join(self.targets[:5])
        more = f" (+{len(self.targets) - 5} more)" if len(self.targets) > 5 else ""
        return (f"{self.page}: {self.rule} [{self.impact}, {self.kind}] {self.help}{more}\n"
                f"      {where}")


@cache
def axe_source() -> str:
    if not AXE_JS.is_file():
        raise FileNotFoundError(f"{AXE_JS} is missing: run `make node-deps`")
    return AXE_JS.read_text(encoding="utf-8")


def inject(page) -> None:
    """Load axe into the current document unless it is already there."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate("() => {" + axe_source() + "\n}")


def failing(found: list[dict], *, page_name: str) -> list[Finding]:
    """The serious and critical violations, and the undecided colour contrasts."""
    return [Finding(page_name, f["kind"], f["rule"], f["impact"], f["help"], tuple(f["targets"]))
            for f in found
            if (f["kind"] == "violation" and f["impact"] in FAILING_IMPACTS)
            or (f["kind"] == "incomplete" and f["rule"] in UNDECIDED_FAILS)]


def audit(page, *, page_name: str) -> list[Finding]:
    """Run the WCAG 2.1 A/AA rules on the page; return what fails."""
    inject(page)
    found = failing(page.evaluate(RUN, WCAG_TAGS), page_name=page_name)
    labels = page.evaluate(CHART_TEXT)
    if labels:
        found.append(Finding(page_name, "own check", "chart-text-contrast", "serious",
                             "Chart labels must meet the AA contrast ratio", tuple(labels)))
    return found
