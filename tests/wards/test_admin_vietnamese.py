"""Every admin page a staff role is shown reads in Vietnamese, whatever the browser asks for."""

import json
import re
from html.parser import HTMLParser

import pytest

from wards.roles import Role

# English that would mean an untranslated label; Vietnamese shares none of these words.
ENGLISH = re.compile(
    r"\b(Search|Add|Edit|Delete|Save|Filter|Filters|Sort|Status|Area|Ward|Title|Created|"
    r"Updated|Actions|Choose|Settings|Dashboard|Images|Documents|Select|Draft|Name|Date|Type|"
    r"Export|Upload|Cancel|Next|Previous|Welcome|Household|Resident|results|match|"
    r"There|You|your|the|and|of|for|with|is|are|has|have|no longer|guide|Account)\b"
)
# Proper names and formats, never translated.
ALLOWED = {"VNeID", "Zalo", "QR", "SMS", "PDF", "CSV", "XLSX", "Excel", "ZNS", "Twilio", "eSMS"}
# Wagtail's page reports keep some of its own wording (filter choices from its internals).
WAGTAIL_PAGE_REPORTS = ("/admin/reports/aging-pages/", "/admin/reports/site-history/")


class VisibleText(HTMLParser):
    SKIP = {"script", "style", "template", "svg", "noscript"}

    def __init__(self):
        super().__init__()
        self.depth, self.parts, self.in_main = 0, [], False

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.in_main = True
        if tag in self.SKIP:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.in_main and not self.depth and data.strip():
            self.parts.append(data.strip())


def english_in(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    found = []
    for text in parser.parts:
        words = {w for w in ENGLISH.findall(text) if w not in ALLOWED}
        if words:
            found.append(text[:80])
    return found


def menu_urls(html: str) -> list[str]:
    props = re.search(r'id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S).group(1)
    return sorted(set(re.findall(r'"url": "(/admin/[^"?]*)"', json.dumps(json.loads(props)))))


@pytest.mark.parametrize("role", [Role.WARD_ADMIN, Role.COMMUNICATIONS, Role.PROVINCE_ADMIN])
def test_every_admin_page_a_role_is_shown_is_in_vietnamese(client, two_wards, role):
    client.force_login(two_wards.users[role])
    home = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    pages = ["/admin/", *menu_urls(home)]
    assert len(pages) > 5
    problems = {}
    for url in pages:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        if url.startswith(WAGTAIL_PAGE_REPORTS):
            continue
        found = english_in(response.content.decode())
        if found:
            problems[url] = found
    assert not problems, problems
