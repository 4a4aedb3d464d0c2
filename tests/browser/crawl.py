"""A bounded crawl of what one logged-in user can reach: GET links within the programme and
the account pages, each kind of page once, with one invalid submission per form page.

Pages of one kind (every school's page, say) share a template, so the crawl visits the first
of each kind: a path's entity keys and numbers count as one. Nothing that changes data is
followed (log out, delete, revoke, deactivate are POST forms, never links) and a form is only
submitted emptied, so that it comes back with its errors.
"""
from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from playwright.sync_api import Error as PlaywrightError

# an entity key (s-bcn-01, m-barcelona, ms-bcn-meals) or a number, as a path segment
KEY = re.compile(r"^(?:[a-z]{1,3}-[\w:.-]+|\d+)$")
SKIP = re.compile(r"logout|delete|revoke|deactivate|\.(?:csv|json|zip|pdf)(?:\?|$)|download=")
FORM_PAGES = re.compile(r"/(?:new|login|password|import)$")
LINKS = """() => Array.from(document.querySelectorAll('a[href]'), a => a.href)"""
# blank every field a person types into, choose the empty option where there is one, submit
FORM = "main form[method=post]:not(.inline)"
SUBMIT_EMPTY = """(selector) => {
  const form = document.querySelector(selector);
  for (const el of form.querySelectorAll('input:not([type=hidden]):not([type=checkbox])'
                                         + ':not([type=submit]), textarea')) el.value = '';
  for (const el of form.querySelectorAll('select')) {
    if (Array.from(el.options).some(o => o.value === '')) el.value = '';
  }
  form.noValidate = true;  // the server's answer to an invalid form is the state to check
  form.requestSubmit();
}"""
ERRORS = ".field-error, .flash.error"


def kind_of(path: str) -> str:
    """The page's kind: its path with entity keys and numbers as `*`."""
    return "/".join("*" if KEY.match(part) else part for part in path.split("/"))


@dataclass
class Crawl:
    """Where one user's crawl stands: the kinds seen, the pages visited in order."""
    origin: str
    allowed: tuple[str, ...]
    limit: int = 80
    seen: set[str] = field(default_factory=set)
    visited: list[str] = field(default_factory=list)

    def wanted(self, url: str) -> str | None:
        """The path to visit for a link, or None if it is outside, risky or of a known kind."""
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if (f"{parts.scheme}://{parts.netloc}" != self.origin or SKIP.search(path)
                or not parts.path.startswith(self.allowed) or kind_of(parts.path) in self.seen):
            return None
        return path


def html_page(page, path: str) -> bool:
    """Open the path; False if it is not an HTML page (a PDF or JSON file)."""
    try:
        response = page.goto(path)
    except PlaywrightError as exc:  # a file the browser downloads rather than shows
        if "Download is starting" in exc.message:
            return False
        raise
    kind = (response.headers.get("content-type", "") if response else "")
    return kind.startswith("text/html")


def submit_empty(page) -> bool:
    """Submit the page's form emptied; True if the page came back showing errors."""
    if not page.locator(FORM).count():
        return False
    with page.expect_navigation():
        page.evaluate(SUBMIT_EMPTY, FORM)
    return page.locator(ERRORS).count() > 0


def crawl(page, crawl_state: Crawl, *, start: list[str],
          check: Callable[[str], None]) -> Iterator[str]:
    """Visit each reachable kind of page once from `start`, calling check(name) on each; yields
    the form pages whose emptied submission did not come back with errors."""
    queue = deque(start)
    while queue and len(crawl_state.visited) < crawl_state.limit:
        path = queue.popleft()
        kind = kind_of(urlsplit(path).path)
        if kind in crawl_state.seen:
            continue
        crawl_state.seen.add(kind)
        if not html_page(page, path):
            continue
        crawl_state.visited.append(path)
        check(path)
        queue.extend(p for p in map(crawl_state.wanted, page.evaluate(LINKS)) if p)
        if FORM_PAGES.search(urlsplit(path).path):
            if not submit_empty(page):
                yield path
            check(f"{path} (submitted empty)")
