"""The privacy rule and Vietnamese numbers, in one place."""

from django.utils import translation

from stats.cells import People, Share, hidden, number


def test_counts_under_five_are_hidden_including_zero():
    assert [hidden(n) for n in (0, 1, 4, 5, 6)] == [True, True, True, False, False]
    assert str(People(4)) == "<5" and People(4).shown is None
    assert str(People(1234)) == "1.234"


def test_a_share_is_hidden_with_its_count_or_its_base():
    assert str(Share.of(3, 100)) == "<5"
    assert str(Share.of(4, 4)) == "<5"
    assert Share.of(3, 100).rate is None
    assert str(Share.of(50, 80)) == "62,5 %"


def test_official_rates_are_cut_not_rounded_like_the_one_stop_report():
    assert str(Share.official(3465, 3569)) == "97,08 %"
    assert Share.official(3465, 3569).shown_rate == 0.9708
    assert str(Share.of(3465, 3569, places=2)) == "97,09 %"
    assert str(Share.official(97, 100)) == "97,00 %"


def test_numbers_follow_the_language():
    with translation.override("en"):
        assert number(1234567.5, 1) == "1,234,567.5"
    with translation.override("vi"):
        assert number(1234567.5, 1) == "1.234.567,5"
