"""The citizens' side: the catalogue page with accent-free search, and a procedure's page."""

import pytest

from qr.models import ProcedureLesson, QrSettings
from tests.qr.conftest import procedure


def get(client, path, **params):
    return client.get(path, params, HTTP_HOST="anbinh.test")


def titles(response) -> list[str]:
    import re

    return re.findall(r'<li><a href="[^"]+">([^<]+)</a></li>', response.content.decode())


def test_the_catalogue_is_a_card_on_the_home_page(client, catalogue):
    body = get(client, "/").content.decode()
    assert 'href="/thu-tuc/"' in body and "Thủ tục hành chính" in body


def test_the_catalogue_lists_active_procedures_by_life_event(client, catalogue):
    catalogue.procedures[1].active = False
    catalogue.procedures[1].save()
    body = get(client, "/thu-tuc/").content.decode()
    # No scans yet: the events in their everyday order, each with its procedures.
    assert (
        body.index(">Sinh con<") < body.index("Đăng ký khai sinh") < body.index(">Cư trú, hộ khẩu<")
    )
    assert (
        body.index(">Cư trú, hộ khẩu<")
        < body.index("Đăng ký tạm trú")
        < body.index(">Chứng thực giấy tờ<")
    )
    assert (
        "Đăng ký kết hôn" not in body and ">Kết hôn<" not in body
    )  # inactive, and its event empty
    assert "phường B" not in body


def test_the_most_used_life_event_comes_first(client, catalogue):
    from qr.models import ShortLink

    link = ShortLink.objects.create(
        code="ttru1", procedure=catalogue.procedures[2], placement=catalogue.counter
    )
    for _ in range(3):
        link.scans.create(device="mobile", visitor="v")
    body = get(client, "/thu-tuc/").content.decode()
    assert body.index(">Cư trú, hộ khẩu<") < body.index(">Sinh con<")


def test_the_catalogue_search_box_searches_lessons_too(client, catalogue):
    body = get(client, "/thu-tuc/").content.decode()
    assert 'action="/tim-kiem/"' in body and "Tìm thủ tục hoặc bài học" in body


@pytest.mark.parametrize(
    "query, first",
    [
        ("khai sinh", "Đăng ký khai sinh"),
        ("ket hon", "Đăng ký kết hôn"),
        ("tam tru", "Đăng ký tạm trú"),
        ("TẠM TRÚ", "Đăng ký tạm trú"),
        ("chung thuc ban sao", "Chứng thực bản sao từ bản chính giấy tờ, văn bản"),
        ("1.000894", "Đăng ký kết hôn"),
    ],
)
def test_search_ignores_accents_and_case(client, catalogue, query, first):
    assert titles(get(client, "/thu-tuc/", q=query))[:1] == [first]


def test_search_matches_word_starts_not_the_middle_of_words(client, catalogue):
    procedure(catalogue.a, "1.000001", "Cấp giấy phép an toàn", field="Khác")
    assert "Cấp giấy phép an toàn" not in titles(get(client, "/thu-tuc/", q="toan trinh"))
    assert titles(get(client, "/thu-tuc/", q="an to")) == ["Cấp giấy phép an toàn"]


def test_search_with_no_result_says_so(client, catalogue):
    body = get(client, "/thu-tuc/", q="xyzxyz").content.decode()
    assert "Không tìm thấy thủ tục nào" in body


def test_procedure_page_has_checklist_fees_time_place_and_the_portal_button(client, catalogue):
    response = get(client, "/thu-tuc/1-001193/")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('type="checkbox"') == 2 and "Giấy chứng sinh" in body
    for text in ("Miễn lệ phí", "Ngay trong ngày làm việc", "Bộ phận Một cửa UBND phường"):
        assert text in body
    assert "Nộp hồ sơ trực tuyến" in body
    assert 'href="https://dichvucong.gov.vn/' in body and "ma_thu_tuc=1.001193" in body
    assert "dữ liệu minh họa" in body  # not verified against the national database
    assert "qr/checklist.js" in body and "<script>" not in body  # strict CSP: no inline script


def test_the_portal_link_is_kept_in_one_place(client, catalogue):
    settings_row = QrSettings.for_site(catalogue.a.site)
    settings_row.portal_base_url = "https://dvc.example.vn/tthc/{code}"
    settings_row.save()
    assert (
        'href="https://dvc.example.vn/tthc/1.001193"'
        in get(client, "/thu-tuc/1-001193/").content.decode()
    )
    catalogue.birth.portal_url = "https://dvc.example.vn/moi/khai-sinh"
    catalogue.birth.verified = True
    catalogue.birth.save()
    body = get(client, "/thu-tuc/1-001193/").content.decode()
    assert 'href="https://dvc.example.vn/moi/khai-sinh"' in body
    assert "dữ liệu minh họa" not in body


def test_an_offline_procedure_says_where_to_go_instead(client, catalogue):
    body = get(client, "/thu-tuc/2-000815/").content.decode()
    assert "chưa nộp trực tuyến được" in body
    assert ">Nộp hồ sơ trực tuyến<" not in body


def test_related_lessons_show_their_titles_and_addresses(client, catalogue):
    from wagtail.models import Page

    home = catalogue.a.site.root_page
    lesson = home.add_child(instance=Page(title="Nộp hồ sơ khai sinh trên điện thoại", slug="bai"))
    draft = home.add_child(instance=Page(title="Bài chưa đăng", slug="nhap", live=False))
    ProcedureLesson.objects.create(procedure=catalogue.birth, page=lesson)
    ProcedureLesson.objects.create(procedure=catalogue.birth, page=draft)
    body = get(client, "/thu-tuc/1-001193/").content.decode()
    assert "Nộp hồ sơ khai sinh trên điện thoại" in body and 'href="/bai/"' in body
    assert "Bài chưa đăng" not in body


def test_who_can_help_is_the_team_of_the_chosen_area_without_phones(client, catalogue):
    from teams.models import TeamMember
    from teams.services import team_create, team_member_add
    from wards.roles import Role

    team = team_create(ward=catalogue.a, name="Tổ công nghệ số khu A2", areas=[catalogue.a2])
    member = catalogue.users[Role.TEAM_MEMBER]
    member.first_name, member.last_name = "Hùng", "Lê"
    member.save()
    team_member_add(team=team, user=member, role=TeamMember.Role.MEMBER)

    body = get(client, "/thu-tuc/1-001193/").content.decode()
    assert "Bạn ở khu phố nào?" in body and f"khu-pho={catalogue.a2.code}" in body
    body = get(client, "/thu-tuc/1-001193/", **{"khu-pho": catalogue.a2.code}).content.decode()
    assert "Tổ công nghệ số khu A2" in body
    assert "Lê" not in body.split("ai-giup")[1].split("</ul>")[0]  # no member names
    assert "+849" not in body and "0912" not in body
    body = get(client, "/thu-tuc/1-001193/", **{"khu-pho": catalogue.a1.code}).content.decode()
    assert "chưa có tổ công nghệ số cộng đồng" in body


def test_another_wards_procedure_is_not_served_here(client, catalogue):
    procedure(catalogue.b, "1.009999", "Chỉ có ở phường B")
    assert get(client, "/thu-tuc/1-009999/").status_code == 404
    assert get(client, "/thu-tuc/khong-phai-ma/").status_code == 404
