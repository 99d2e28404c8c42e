"""Each staff role walks its admin pages in a real browser (1366×768): every word it can read,
and every label a screen reader speaks (aria-label, title, placeholder), is Vietnamese.

The client-side test in tests/wards/test_admin_vietnamese.py reads the served HTML; this one also
sees what Wagtail's scripts write (the sidebar, dialogs, the page explorer) and the demo ward's
real content (pages, campaigns, residents)."""

import re

import pytest

from tests.browser.conftest import sign_in

LAPTOP = {"width": 1366, "height": 768}
TEXTS = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!el || el.closest("script, style, template, noscript")) continue;
    const text = walker.currentNode.textContent.trim();
    if (text) out.push(text);
  }
  for (const el of document.querySelectorAll("[aria-label], [title], [placeholder]")) {
    for (const name of ["aria-label", "title", "placeholder"]) {
      if (el.getAttribute(name)) out.push(el.getAttribute(name));
    }
  }
  return out;
}"""
# English words an untranslated admin string would carry. Words Vietnamese writes the same way
# without diacritics (in, to, no, do, an, me) are left out.
ENGLISH = re.compile(
    r"\b(now|ago|live|draft|pages?|items?|menu|Skip|main|content|of|the|and|by|for|with|"
    r"Search|Edit|Add|Delete|View|Save|Sort|Status|More|Show|Actions?|Select|Toggle|Close|"
    r"Open|Preview|Publish|Back|Loading|See|all|Filter|Clear|Apply|Choose|Previous|Next|Yes|"
    r"Cancel|user|Help|Account|Settings|Reports|Upload|Download|Image|Documents?|Collection|"
    r"Title|Created|Updated|Owner|Date|Type|Name|New|results?|match|Sidebar|Dashboard|Team|"
    r"User|Ward|Area|minutes?|hours?|days?)\b"
)
# The date picker Wagtail bundles writes its own English button, outside any catalogue; time
# zones are named by their IANA names ("Pacific/Auckland", "New Zealand").
VENDOR = {"Save Selected"}
TIME_ZONE = re.compile(r"^[A-Za-z_/+-]+: GMT")
ROLES = ["admin", "truyenthong", "motcua", "tinh"]


def admin_pages(page) -> list[str]:
    """The role's menu, and the first objects its listings link to (edit pages, page trees)."""
    page.goto("/admin/")
    props = page.locator("#wagtail-sidebar-props").text_content()
    menu = sorted(set(re.findall(r'"url": ?"(/admin/[^"?]*)"', props)))
    objects = []
    for url in menu:
        page.goto(url)
        for href in page.locator("main a[href^='/admin/']").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        ):
            if re.search(r"/\d+/(edit/)?$", href) and href not in objects:
                objects.append(href)
    return ["/admin/", *menu, *objects[:12]]


def english_on(page) -> list[str]:
    """English the admin writes; the titles of the pages' English copies are content, not UI."""
    from wagtail.models import Page

    content = set(Page.objects.filter(locale__language_code="en").values_list("title", flat=True))
    return [
        t
        for t in page.evaluate(TEXTS)
        if t not in VENDOR | content and not TIME_ZONE.match(t) and ENGLISH.search(t)
    ]


@pytest.mark.parametrize("username", ROLES)
def test_every_admin_page_of_a_role_reads_in_vietnamese(browser, live_server, demo_ward, username):
    context = browser.new_context(viewport=LAPTOP, locale="vi-VN", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(20_000)
    sign_in(page, username)
    # Signed in, the browser asks for English: the admin answers in Vietnamese all the same.
    context.set_extra_http_headers({"Accept-Language": "en-US,en;q=0.9"})
    problems = {}
    for url in admin_pages(page):
        if re.search(r"ap-phich/\d+/$|\.(pdf|xlsx|csv)$", url):
            continue  # a download, not a page
        response = page.goto(url)
        if response is None or response.status != 200:
            continue
        found = english_on(page)
        if found:
            problems[url] = sorted(set(found))[:8]
    context.close()
    assert not problems, problems


def test_the_words_test_can_fail(browser, live_server, demo_ward):
    """Wagtail's own English, with our catalogue out of the way, is caught."""
    context = browser.new_context(viewport=LAPTOP, locale="vi-VN", base_url=live_server.url)
    page = context.new_page()
    sign_in(page, "admin")
    page.goto("/admin/pages/")
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p>1-5 of 5 pages</p>')")
    assert english_on(page) == ["1-5 of 5 pages"]
    context.close()
