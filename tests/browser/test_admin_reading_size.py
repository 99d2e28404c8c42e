"""Staff read the admin at reading size (1366×768): body text 18 px, nothing they read under 16 px,
and the pages still fit the screen's width."""

import pytest

from tests.browser.conftest import sign_in

LAPTOP = {"width": 1366, "height": 768}
SIZES = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!el || !walker.currentNode.textContent.trim()) continue;
    if (el.closest("script, style, template, noscript, .w-sr-only, [hidden], [aria-hidden=true]")) continue;
    const box = el.getBoundingClientRect(), style = getComputedStyle(el);
    if (!box.width || !box.height || style.visibility === "hidden") continue;
    if (box.bottom < 0 || box.right < 0 || box.left > innerWidth) continue;
    out.push({size: parseFloat(style.fontSize), tag: el.tagName,
              secondary: !!el.closest(".pagination, .help, .help-block, small, .w-field__help"),
              text: walker.currentNode.textContent.trim().slice(0, 40)});
  }
  return out;
}"""
PAGES = {
    "admin": ["/admin/", "/admin/households/", "/admin/residents/", "/admin/pages/"],
    "truyenthong": ["/admin/chien-dich/", "/admin/chien-dich/chuoi-nhac/"],
}


@pytest.mark.parametrize("username", sorted(PAGES))
def test_admin_text_is_at_reading_size(browser, live_server, demo_ward, username):
    context = browser.new_context(viewport=LAPTOP, locale="vi-VN", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(20_000)
    sign_in(page, username)
    for url in PAGES[username]:
        page.goto(url)
        texts = page.evaluate(SIZES)
        small = {(t["size"], t["text"]) for t in texts if t["size"] < 15.9}
        assert not small, (url, sorted(small)[:10])
        body = {
            (t["size"], t["text"])
            for t in texts
            if t["tag"] in ("P", "TD") and not t["secondary"] and t["size"] < 17.9
        }
        assert not body, (url, sorted(body)[:10])
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), url
    context.close()
