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
        84912345678,
        84912345678.0,
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


@pytest.mark.parametrize("raw", ["8.4912e+10", "8,4912E+10", "8.4912345678e+10", "84912E5"])
def test_excel_scientific_notation_is_refused_with_how_to_fix_it(raw):
    with pytest.raises(InvalidPhone) as error:
        normalise_phone(raw)
    assert error.value.code == "scientific"
    assert "Văn bản (Text)" in error.value.messages[0]


@pytest.mark.parametrize(
    "raw",
    [
        "1e5000",
        "1e1000000",
        "9" * 5000,
        "0912345678" * 3,
        "0912<b>345678",
        "0912\x00345678",
        float("inf"),
        float("nan"),
        10**70,
        -84912345678,
        True,
        "+1 650 555 1234",
    ],
)
def test_hostile_input_is_refused_fast_without_parsing_numbers(raw):
    import time

    started = time.perf_counter()
    with pytest.raises(InvalidPhone):
        normalise_phone(raw)
    assert time.perf_counter() - started < 0.05


def test_a_refused_value_is_shown_shortened():
    with pytest.raises(InvalidPhone) as error:
        normalise_phone("9" * 5000)
    assert len(error.value.messages[0]) < 200
