"""Every role × every page it can reach: nothing of another ward, or of an area not assigned,
and no person's name for the roles that see aggregates only.

Each role of ward A signs in and follows every link it is shown (the Wagtail admin, the
dashboard, the field app, the public site), as a curious user would. New views are covered as
soon as they are linked. Ward B and area A2 carry names found nowhere else, so a leak of any
of them on any page fails the test; no page may answer 500.
"""

import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client

from campaigns.models import ChannelAccount
from teams.models import TeamMember
from teams.services import team_create, team_member_add
from tests.campaigns.conftest import campaign
from tests.qr.conftest import procedure
from wards.roles import Role

START = ("/admin/", "/thong-ke/", "/doi/", "/")
FOLLOW = ("/admin/", "/thong-ke/", "/doi/", "/api/", "/chien-dich/", "/thu-tuc/")
# Links that change things when confirmed, or leave: their GET pages are left alone.
SKIP = re.compile(r"logout|dang-xuat|delete|xoa|unpublish|revert|lock|copy|move|workflow")
MAX_PAGES = 200
# Plain links, and the admin's menu, which Wagtail renders from JSON in an attribute.
LINK = re.compile(r'href="([^"#]+)"|"url": "(/[^"]+)"')

# Ward B's name is not among them: it is public (its own site) and Wagtail's page explorer lists
# every Site's name in its filter.
OTHER_WARD = (
    "Khu phố Rò Rỉ",
    "Cư Dân B1",
    "Hẻm Rò Rỉ",
    "Thủ tục Rò Rỉ",
    "Chiến dịch Rò Rỉ",
    "Tổ Rò Rỉ",
)
OTHER_AREA = ("Cư Dân A2", "Ngõ Khuất A2")
NAMES = ("Cư Dân A1", "Cư Dân A2")

# What each role of ward A must never be shown.
NEVER = {
    Role.WARD_ADMIN: OTHER_WARD,
    Role.COMMUNICATIONS: OTHER_WARD,
    Role.LEADER: OTHER_WARD + NAMES,
    Role.TEAM_LEADER: OTHER_WARD + OTHER_AREA,
    Role.TEAM_MEMBER: OTHER_WARD + OTHER_AREA,
    Role.PROVINCE_ADMIN: NAMES + ("Cư Dân B1",),
}


@pytest.fixture
def world(two_wards):
    w = two_wards
    w.b1.name = "Khu phố Rò Rỉ"
    w.b1.save()
    w.households["b1"].address = "Hẻm Rò Rỉ 7"
    w.households["b1"].save()
    w.households["a2"].address = "Ngõ Khuất A2"
    w.households["a2"].save()
    procedure(w.a, "1.000001", "Đăng ký khai sinh")
    procedure(w.b, "1.000002", "Thủ tục Rò Rỉ")
    for ward, name in ((w.a, "Nhắc kích hoạt VNeID"), (w.b, "Chiến dịch Rò Rỉ")):
        console = ChannelAccount.objects.create(ward=ward, channel="console", name="Thử")
        campaign(ward, console, None, name=name)
    team = team_create(ward=w.a, name="Tổ công nghệ số A1", areas=[w.a1])
    team_member_add(team=team, user=w.users[Role.TEAM_LEADER], role=TeamMember.Role.LEADER)
    team_member_add(team=team, user=w.users[Role.TEAM_MEMBER], role=TeamMember.Role.MEMBER)
    team_create(ward=w.b, name="Tổ Rò Rỉ", areas=[w.b1])
    return w


def crawl(client: Client, host: str):
    """Visit every page reachable from START (GET only), once per path; yield (url, response)."""
    queue, seen = list(START), set()
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        path = urlsplit(url).path
        if path in seen:
            continue
        seen.add(path)
        response = client.get(url, HTTP_HOST=host)
        yield url, response
        if "text/html" not in response.get("Content-Type", ""):
            continue
        for href in (a or b for a, b in LINK.findall(response.content.decode())):
            link = urljoin(url, href.replace("&amp;", "&"))
            parts = urlsplit(link)
            if parts.netloc not in ("", host) or SKIP.search(parts.path):
                continue
            if parts.path.startswith(FOLLOW) and parts.path not in seen:
                queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))


@pytest.mark.slow
@pytest.mark.parametrize("role", list(NEVER))
def test_no_role_is_shown_what_it_may_not_see(world, role):
    client = Client()
    client.force_login(world.users[role])
    visited = 0
    for url, response in crawl(client, world.a.site.hostname):
        visited += 1
        assert response.status_code < 500, url
        kind = response.get("Content-Type", "")
        if response.streaming or not kind.startswith(("text/", "application/json")):
            continue
        body = response.content.decode()
        leaked = [marker for marker in NEVER[role] if marker in body]
        assert not leaked, f"{role} was shown {leaked} at {url}"
    assert visited > 5  # the role reached its pages, not only a sign-in redirect


@pytest.mark.parametrize("action", ["edit", "history", "usage", "delete"])
def test_another_wards_objects_are_not_found_by_id_in_the_admin(world, action):
    other_team = world.b.teams.get()
    other = {
        "households": world.households["b1"].pk,
        "residents": world.residents["b1"].pk,
        "areas": world.b1.pk,
        "to-cong-nghe-so": other_team.pk,
    }
    client = Client()
    client.force_login(world.users[Role.WARD_ADMIN])
    for prefix, pk in other.items():
        response = client.get(f"/admin/{prefix}/{action}/{pk}/", HTTP_HOST=world.a.site.hostname)
        assert response.status_code == 404, (prefix, action, response.status_code)
