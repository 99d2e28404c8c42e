"""Uplift against the holdout: z-test, confidence interval and the verdict leaders read."""

import math

from campaigns.uplift import two_proportion, verdict


def test_matches_a_hand_computation():
    # 120/1000 treated against 8/100 held out.
    result = two_proportion(120, 1000, 8, 100)
    pooled = 128 / 1100
    se_pooled = math.sqrt(pooled * (1 - pooled) * (1 / 1000 + 1 / 100))
    assert math.isclose(result.z, 0.04 / se_pooled)
    se = math.sqrt(0.12 * 0.88 / 1000 + 0.08 * 0.92 / 100)
    assert math.isclose(result.low, 0.04 - 1.959964 * se, rel_tol=1e-5)
    assert math.isclose(result.high, 0.04 + 1.959964 * se, rel_tol=1e-5)
    assert math.isclose(result.z, 1.189, abs_tol=0.001)
    assert math.isclose(result.p_value, 0.2343, abs_tol=0.0005)  # two-sided, from tables
    assert not result.significant


def test_a_clear_difference_is_significant_and_said_so():
    result = two_proportion(300, 1000, 10, 100)
    assert result.significant and result.p_value < 0.001
    text = verdict(result, "Kích hoạt VNeID mức 2")
    assert "có ý nghĩa thống kê" in text and "chưa có ý nghĩa" not in text
    assert "20,0 điểm phần trăm" in text


def test_a_small_difference_is_called_not_significant():
    text = verdict(two_proportion(52, 1000, 4, 100), "Kích hoạt VNeID mức 2")
    assert text.startswith("Chưa thấy khác biệt rõ ràng")
    assert "chưa có ý nghĩa thống kê" in text


def test_no_holdout_means_no_measurement():
    assert two_proportion(10, 100, 0, 0) is None
    assert "Không có nhóm đối chứng" in verdict(None, "x")


def test_identical_groups_do_not_divide_by_zero():
    result = two_proportion(0, 50, 0, 10)
    assert result.p_value == 1.0 and not result.significant
