"""Keyboard use in the browser tests: tab through a page and see where focus goes and shows."""
from __future__ import annotations

# what a person can tab to and act on
FOCUSABLE = ("a[href], button:not([disabled]), details > summary, "
             "input:not([type=hidden]):not([disabled]), "
             "select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])")
# (the page forbids eval, so the function that reads an element's look is spliced in as text)
LOOK = """(el) => { const s = getComputedStyle(el);
  return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.borderColor,
          s.backgroundColor].join(' | '); }"""
# every shown focusable element's look while nothing has focus, each marked with an id
UNFOCUSED = """(selector) => { const look = LOOK;
  if (document.activeElement) document.activeElement.blur();
  return Array.from(document.querySelectorAll(selector))
    .filter(el => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden')
    .map((el, i) => { el.dataset.kbd = String(i); return [el.dataset.kbd, look(el)]; });
}""".replace("LOOK", LOOK)
FOCUSED = """() => { const look = LOOK; const el = document.activeElement;
  if (!el || el === document.body) return null;
  return [el.dataset.kbd || '', look(el), el.outerHTML.slice(0, 100)]; }""".replace("LOOK", LOOK)


def tab_through(page) -> tuple[set[str], list[str], int]:
    """Tab round the whole page once.

    Returns the marks of the elements reached, the elements whose look did not change when
    they took focus, and how many focusable elements the page shows.
    """
    before = dict(page.evaluate(UNFOCUSED, FOCUSABLE))
    reached: set[str] = set()
    unseen: list[str] = []
    for _ in range(2 * len(before) + 4):  # from wherever focus starts, round to it again
        page.keyboard.press("Tab")
        now = page.evaluate(FOCUSED)
        if now is None:
            continue
        key, look, html = now
        if key in reached:
            break
        reached.add(key)
        if before.get(key) == look:
            unseen.append(html)
    return reached, unseen, len(before)
