"""Did the campaign change anything? Treated against holdout, intention-to-treat.

Two-proportion z-test (pooled standard error) for the p-value, and a Wald interval (unpooled
standard error) for the difference; both from the standard library's normal distribution.
"""

import math
from dataclasses import dataclass
from statistics import NormalDist

from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

Z = NormalDist()


@dataclass(frozen=True)
class Uplift:
    treated: int
    treated_converted: int
    holdout: int
    holdout_converted: int
    confidence: float
    rate_treated: float
    rate_holdout: float
    difference: float
    low: float
    high: float
    z: float
    p_value: float

    @property
    def significant(self) -> bool:
        return self.p_value < 1 - self.confidence


def two_proportion(
    treated_converted: int, treated: int, holdout_converted: int, holdout: int, confidence=0.95
) -> Uplift | None:
    """None when either group is empty (nothing to compare)."""
    if treated <= 0 or holdout <= 0:
        return None
    p1, p2 = treated_converted / treated, holdout_converted / holdout
    difference = p1 - p2
    pooled = (treated_converted + holdout_converted) / (treated + holdout)
    se_pooled = math.sqrt(pooled * (1 - pooled) * (1 / treated + 1 / holdout))
    if se_pooled > 0:
        z = difference / se_pooled
        p_value = 2 * (1 - Z.cdf(abs(z)))
    else:  # both groups all converted or none converted: no evidence of a difference
        z, p_value = 0.0, 1.0
    se = math.sqrt(p1 * (1 - p1) / treated + p2 * (1 - p2) / holdout)
    margin = Z.inv_cdf(0.5 + confidence / 2) * se
    return Uplift(
        treated=treated,
        treated_converted=treated_converted,
        holdout=holdout,
        holdout_converted=holdout_converted,
        confidence=confidence,
        rate_treated=p1,
        rate_holdout=p2,
        difference=difference,
        low=difference - margin,
        high=difference + margin,
        z=z,
        p_value=p_value,
    )


def percent(rate: float) -> str:
    return floatformat(rate * 100, 1) + " %"


def points(rate: float) -> str:
    return floatformat(rate * 100, 1)


def verdict(uplift: Uplift | None, goal_label: str, *, measuring: bool = False) -> str:
    """A plain Vietnamese sentence for leaders."""
    if uplift is None:
        return _(
            "Không có nhóm đối chứng (hoặc chưa có ai nhận tin) nên chưa đo được tác động của "
            "chiến dịch."
        )
    values = {
        "goal": goal_label,
        "treated": percent(uplift.rate_treated),
        "holdout": percent(uplift.rate_holdout),
        "diff": points(abs(uplift.difference)),
        "low": points(uplift.low),
        "high": points(uplift.high),
        "p": floatformat(uplift.p_value, 3),
    }
    if not uplift.significant:
        text = _(
            "Chưa thấy khác biệt rõ ràng. Tỷ lệ đạt mục tiêu “%(goal)s” ở nhóm nhận tin là "
            "%(treated)s, ở nhóm đối chứng là %(holdout)s. Chênh lệch %(diff)s điểm phần trăm chưa có ý nghĩa thống "
            "kê (p = %(p)s; khoảng tin cậy 95 %% từ %(low)s đến %(high)s điểm), có thể chỉ do "
            "ngẫu nhiên."
        )
    elif uplift.difference > 0:
        text = _(
            "Tin nhắn có tác động: tỷ lệ đạt mục tiêu “%(goal)s” ở nhóm nhận tin là "
            "%(treated)s, cao hơn nhóm đối chứng (%(holdout)s) %(diff)s điểm phần trăm. Khác biệt có ý nghĩa thống kê "
            "(p = %(p)s; khoảng tin cậy 95 %% từ %(low)s đến %(high)s điểm)."
        )
    else:
        text = _(
            "Nhóm nhận tin có tỷ lệ đạt mục tiêu “%(goal)s” thấp hơn nhóm đối chứng %(diff)s "
            "điểm phần trăm "
            "(%(treated)s so với %(holdout)s; p = %(p)s). Nên xem lại nội dung và thời điểm gửi."
        )
    result = text % values
    if measuring:
        result += " " + _("Thời gian theo dõi chưa kết thúc: con số còn thay đổi.")
    return result
