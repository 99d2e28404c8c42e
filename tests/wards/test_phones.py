import pytest

from wards.phones import InvalidPhone, mask_phone, normalise_phone


@pytest.mark.parametrize(
    "raw",
    [
        "0912345678",
        "84912345678",
        "+84912345678",
        "+84 912 345 678",
        "0912.345.678",
        "0912-345-678",
        "8.4912345678e+10",
        84912345678,
        "912345678",
    ],
)
def test_accepts_what_people_and_spreadsheets_type(raw):
    assert normalise_phone(raw) == "+84912345678"


def test_refuses_old_eleven_digit_numbers_with_a_clear_message():
    with pytest.raises(InvalidPhone) as error:
        normalise_phone("01912345678")
    assert "11 chữ số cũ" in error.value.messages[0]


@pytest.mark.parametrize("raw", ["12345", "0241234567", "abc", "+1 650 555 1234"])
def test_refuses_non_mobile_or_foreign_numbers(raw):
    with pytest.raises(InvalidPhone) as error:
        normalise_phone(raw)
    assert "không hợp lệ" in error.value.messages[0]


def test_mask_hides_the_middle_digits():
    assert mask_phone("+84912345678") == "0912 *** 678"
