"""Message text: placeholders, per-recipient rendering, segments and cost."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from campaigns import templating
from campaigns.channels import estimate_cost, sms_segments

CONTEXT = templating.MessageContext("Nguyễn Thị Hoa", "Khu phố 1", "Phường Hòa An", "abc2345")


def test_placeholders_are_filled_per_recipient(settings):
    settings.CAMPAIGN_LINK_BASE_URL = "https://hoaan.example"
    text = templating.render("Chào {ten} ({ho_ten}, {khu_pho}): {lien_ket} — {tu_choi}", CONTEXT)
    assert text == (
        "Chào Hoa (Nguyễn Thị Hoa, Khu phố 1): https://hoaan.example/l/abc2345"
        " — https://hoaan.example/tu-choi/abc2345/"
    )


def test_double_braces_write_literal_braces():
    assert templating.render("{{ten}} là {ten}", CONTEXT) == "{ten} là Hoa"


def test_unknown_placeholder_is_refused_with_the_known_ones_listed():
    with pytest.raises(ValidationError) as error:
        templating.validate_text("Chào {ten_nguoi_nhan}")
    message = error.value.messages[0]
    assert "{ten_nguoi_nhan}" in message and "{lien_ket}" in message


def test_unbalanced_braces_are_refused():
    with pytest.raises(ValidationError):
        templating.validate_text("Chào {ten")


def test_zalo_template_lines_become_parameters():
    data = templating.render_template_data("customer_name = {ho_ten}\nlink={lien_ket}\n", CONTEXT)
    assert data["customer_name"] == "Nguyễn Thị Hoa"
    assert data["link"].endswith("/l/abc2345")
    with pytest.raises(ValidationError):
        templating.parse_template_data("không có dấu bằng")


def test_vietnamese_is_ucs2_seventy_characters_a_segment():
    assert sms_segments("á" * 70) == ("UCS-2", 1)
    assert sms_segments("á" * 71) == ("UCS-2", 2)
    assert sms_segments("a" * 160) == ("GSM-7", 1)
    assert estimate_cost("á" * 71, 1000, "800") == Decimal(1_600_000)
