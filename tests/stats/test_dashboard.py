"""The leaders' dashboard: indicators, the area table, trends, filters, and who may see what."""

import re

import pytest
from django.urls import reverse

from stats import rollups
from stats.models import OfficialFigure, WardRollup, WardTarget
from wards.roles import Role


def page(client, user, url=None, **params):
    client.force_login(user)
    return client.get(url or reverse("stats:dashboard"), params)


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def rows(response) -> dict:
    return {row.name: row for row in response.context["report"].units}


def test_a_leader_reads_the_indicators_the_area_table_and_the_trends(client, dashboard):
    response = page(client, dashboard.leader)
    assert response.status_code == 200
    report = response.context["report"]
    vneid = report.headlines[0]
    assert (vneid.share.part.value, vneid.share.whole.value) == (10, 25)
    assert vneid.previous.part.value == 6  # four were activated this month
    assert vneid.change == pytest.approx(0.16)
    assert vneid.new.value == 10  # all within the default twelve months
    assert str(report.headlines[1].share) == "20,0 %"  # 5 public-service accounts of 25
    html = text(response)
    assert "VNeID mức 2 đã kích hoạt" in html and "40,0 %" in html
    assert "+16,0 điểm so với cuối tháng" in html
    by_area = rows(response)
    assert list(by_area) == [dashboard.a1.name, dashboard.a2.name, "Khu phố Ba"]
    assert str(by_area[dashboard.a1.name].cells[0].share) == "66,7 %"  # 10 of 15 adults
    assert len(report.trend.months) == 12
    assert html.count('role="img"') == 4  # one chart per indicator
    assert "Số liệu của các biểu đồ xu hướng" in html  # and their numbers as a table
    assert str(report.trend.series[0][1][-1]) == "40,0 %"
    assert str(report.trend.series[0][1][-2]) == "24,0 %"


def test_counts_under_five_people_show_as_less_than_five(client, dashboard):
    by_area = rows(page(client, dashboard.leader))
    small = by_area[dashboard.a2.name]  # three adults
    assert str(small.adults) == "<5"
    assert {str(cell.share) for cell in small.cells} == {"<5"}
    ba = by_area["Khu phố Ba"]  # seven adults: none at level 2, five pay without cash
    assert str(ba.adults) == "7"
    assert str(ba.cells[0].share) == "<5"
    assert str(ba.cells[3].share) == "71,4 %"


def test_the_page_has_no_names_or_phone_numbers(client, dashboard):
    html = page(client, dashboard.leader).content.decode()
    for name in dashboard.names:
        assert name not in html
    for phone in dashboard.phones:
        assert phone not in html and phone.replace("+84", "0") not in html


def test_two_areas_chosen_narrow_every_figure(client, dashboard):
    response = page(client, dashboard.leader, chon=["a1", "a3"])
    report = response.context["report"]
    assert [row.name for row in report.units] == [dashboard.a1.name, "Khu phố Ba"]
    assert report.adults.value == 22
    assert report.headlines[0].share.part.value == 10
    assert report.selected == [dashboard.a1.name, "Khu phố Ba"]
    assert re.search(r'<input[^>]*value="a1"[^>]*checked', text(response))
    assert not re.search(r'<input[^>]*value="a2"[^>]*checked', text(response))


def test_a_date_range_moves_the_headline_to_its_end(client, dashboard):
    end = dashboard.today.replace(day=1) - __import__("datetime").timedelta(days=1)
    response = page(client, dashboard.leader, tu="01/01/2020", den=end.strftime("%d/%m/%Y"))
    report = response.context["report"]
    assert report.end == end
    assert report.headlines[0].share.part.value == 6  # this month's four are after the range


BAD_FILTERS = [
    ({"tu": "31/02/2026"}, "Ngày bắt đầu chưa đúng, hãy ghi theo dạng 31/12/2025."),
    ({"tu": "01/03/2026", "den": "01/02/2026"}, "Ngày bắt đầu phải trước ngày kết thúc."),
    ({"den": "01/01/2999"}, "Ngày kết thúc không được sau hôm nay."),
    ({"chon": "kp99"}, "Không có “kp99” trong danh sách để chọn."),
    ({"sap_xep": "ten_nguoi"}, "Không sắp xếp được theo “ten_nguoi”."),
]


def test_bad_filters_say_why_and_keep_what_was_typed(client, dashboard):
    for params, message in BAD_FILTERS:
        response = page(client, dashboard.leader, **params)
        assert response.status_code == 400, params
        html = text(response)
        assert message in html
        assert response.context["report"] is None
        if "tu" in params:
            assert f'value="{params["tu"]}"' in html
        export = page(client, dashboard.leader, reverse("stats:xlsx"), **params)
        assert export.status_code == 400 and message in text(export)


def test_the_area_table_sorts_by_any_column_and_hidden_cells_sort_together(client, dashboard):
    best_first = rows(page(client, dashboard.leader, sap_xep="cashless_payment", giam="1"))
    assert list(best_first)[0] == "Khu phố Ba"
    by_name_desc = rows(page(client, dashboard.leader, sap_xep="name", giam="1"))
    assert list(by_name_desc) == ["Khu phố Ba", dashboard.a2.name, dashboard.a1.name]
    # a2 (3 adults) and Ba (0 at level 2) are both "<5": ordered by name, not by the hidden count
    low_first = rows(page(client, dashboard.leader, sap_xep="vneid_level2"))
    assert list(low_first) == [dashboard.a2.name, "Khu phố Ba", dashboard.a1.name]


def test_the_ward_target_shows_with_the_gap_and_a_tick_where_reached(client, dashboard):
    WardTarget.objects.create(ward=dashboard.a, vneid_level2=60, cashless_payment=70)
    response = page(client, dashboard.leader)
    html = text(response)
    assert "Chỉ tiêu 60 %: còn thiếu 20,0 điểm" in html
    by_area = rows(response)
    assert by_area[dashboard.a1.name].cells[0].reached_target is True  # 66,7 % ≥ 60 %
    assert by_area["Khu phố Ba"].cells[3].reached_target is True  # 71,4 % ≥ 70 %
    assert by_area["Khu phố Ba"].cells[0].reached_target is None  # hidden: no verdict either


def test_the_official_online_rate_shows_beside_the_indicators(client, dashboard):
    month = dashboard.today.replace(day=1)
    OfficialFigure.objects.create(
        ward=dashboard.a,
        month=month,
        field="Hộ tịch",
        field_key="ho tich",
        received=3569,
        received_online=3465,
        resolved_on_time=3500,
    )
    html = text(page(client, dashboard.leader))
    assert "97,08 %" in html  # 3,465 / 3,569 as the one-stop system prints it
    assert "3.465 / 3.569 hồ sơ" in html


def test_who_may_read_the_dashboard(client, dashboard):
    url = reverse("stats:dashboard")
    assert client.get(url).status_code == 302  # signed out: to the login page
    assert page(client, dashboard.users[Role.TEAM_MEMBER]).status_code == 403
    assert page(client, dashboard.users[Role.TEAM_LEADER]).status_code == 200
    ward_b = reverse("stats:ward", args=[dashboard.b.slug])
    assert page(client, dashboard.leader, ward_b).status_code == 404
    assert page(client, dashboard.users["outsider"], url).context["report"].title == (
        dashboard.b.name
    )


def test_the_province_view_ranks_the_wards(client, dashboard):
    response = page(client, dashboard.province)
    assert response.status_code == 200
    report = response.context["report"]
    assert report.province
    ranking = [(row.rank, row.name, str(row.cells[0].share)) for row in report.units]
    assert ranking == [(1, dashboard.b.name, "100,0 %"), (2, dashboard.a.name, "40,0 %")]
    assert report.adults.value == 32
    html = text(response)
    assert "Xếp hạng các phường" in html
    ward_a = reverse("stats:ward", args=[dashboard.a.slug])
    assert f'href="{ward_a}"' in html
    drill = page(client, dashboard.province, ward_a)
    assert drill.context["report"].title == dashboard.a.name
    assert not drill.context["report"].province


def test_the_province_view_can_rank_on_another_indicator_and_narrow_to_some_wards(
    client, dashboard
):
    report = page(client, dashboard.province, sap_xep="cashless_payment", giam="1").context[
        "report"
    ]
    assert [row.name for row in report.units][0] == dashboard.a.name
    narrowed = page(client, dashboard.province, chon=[dashboard.b.slug]).context["report"]
    assert [row.name for row in narrowed.units] == [dashboard.b.name]
    assert narrowed.selected == [dashboard.b.name]


def test_before_the_first_rollup_the_page_says_so(client, dashboard):
    WardRollup.objects.all().delete()
    html = text(page(client, dashboard.leader))
    assert "đang được tính lần đầu" in html
    rollups.rollup_all()
    assert "đang được tính lần đầu" not in text(page(client, dashboard.leader))
