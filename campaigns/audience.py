"""Who a campaign reaches: the residents it targets, who of them is eligible, and the holdout.

Targeted: residents of the chosen areas (all areas when none) in the age band, meeting the
"đã đạt" / "chưa đạt" milestone filters, read through `Resident.objects.for_user(user)`.
Each targeted resident is then eligible or excluded for the first reason that applies:
already converted (reached the goal), no consent, no phone, invalid phone, opted out, over the
per-recipient cap, or a number already taken by an earlier resident in the list.
The holdout is a reproducible random share of the eligible: a hash of campaign id + resident id.
"""

import datetime
import hashlib
import re
import secrets
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from campaigns import templating
from campaigns.models import Exclusion, MessagingPolicy, Notice, OptOut, Recipient
from wards.models import Milestone, Resident, Vneid
from wards.phones import InvalidPhone, normalise_phone

# Mobile prefixes after +84 (INTEGRATIONS.md; portability makes them a hint, not a rule).
MOBILE_PREFIXES = frozenset(
    "32 33 34 35 36 37 38 39 86 96 97 98 81 82 83 84 85 88 91 94 70 76 77 78 79 89 90 93 "
    "52 56 58 92 59 99 87".split()
)
_E164_VN = re.compile(r"^\+84(\d{2})\d{7}$")
LINK_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"  # no 0/o, 1/l/i: read aloud without doubt

VNEID_REACHED = {
    Milestone.VNEID_LEVEL1: [Vneid.LEVEL1, Vneid.LEVEL2_ISSUED, Vneid.LEVEL2_ACTIVATED],
    Milestone.VNEID_LEVEL2_ISSUED: [Vneid.LEVEL2_ISSUED, Vneid.LEVEL2_ACTIVATED],
    Milestone.VNEID_LEVEL2_ACTIVATED: [Vneid.LEVEL2_ACTIVATED],
}
FLAG_REACHED = {
    Milestone.PUBLIC_SERVICE_ACCOUNT: "has_public_service_account",
    Milestone.ONLINE_SUBMISSION: "has_submitted_online",
    Milestone.CASHLESS_PAYMENT: "uses_cashless",
}
STATUS_FIELDS = ["vneid", *FLAG_REACHED.values()]


def reached_q(milestone: str) -> Q:
    """Residents whose derived status shows `milestone` reached."""
    if milestone in VNEID_REACHED:
        return Q(vneid__in=VNEID_REACHED[milestone])
    return Q(**{FLAG_REACHED[milestone]: True})


def has_reached(row: dict, milestone: str) -> bool:
    if milestone in VNEID_REACHED:
        return row["vneid"] in VNEID_REACHED[milestone]
    return bool(row[FLAG_REACHED[milestone]])


def valid_phone(raw: str) -> str:
    """The E.164 form of a mobile number, or "" when it is not one."""
    match = _E164_VN.match(raw)
    if match and match.group(1) in MOBILE_PREFIXES:
        return raw
    try:
        return normalise_phone(raw)
    except InvalidPhone:
        return ""


def in_holdout(campaign_id: int, resident_id: int, percent: int) -> bool:
    digest = hashlib.sha256(f"holdout:{campaign_id}:{resident_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < percent / 100


def new_link_code() -> str:
    return "".join(secrets.choice(LINK_ALPHABET) for _ in range(templating.LINK_CODE_LENGTH))


@dataclass
class AudienceSpec:
    ward: object
    goal: str
    area_ids: list[int] = field(default_factory=list)
    requires: str = ""
    lacks: str = ""
    min_age: int | None = None
    max_age: int | None = None

    @classmethod
    def of(cls, campaign) -> "AudienceSpec":
        return cls(
            ward=campaign.ward,
            goal=campaign.goal,
            area_ids=list(campaign.areas.values_list("pk", flat=True)) if campaign.pk else [],
            requires=campaign.requires,
            lacks=campaign.lacks,
            min_age=campaign.min_age,
            max_age=campaign.max_age,
        )


@dataclass
class Candidate:
    resident_id: int
    area_id: int
    phone: str
    full_name: str
    exclusion: str = ""


@dataclass
class Audience:
    candidates: list[Candidate]
    excluded: Counter

    @property
    def targeted(self) -> int:
        return len(self.candidates)

    @property
    def eligible(self) -> int:
        return self.targeted - sum(self.excluded.values())

    def estimated_holdout(self, percent: int) -> int:
        return round(self.eligible * percent / 100)


def targeted_residents(spec: AudienceSpec, user, today: datetime.date | None = None):
    residents = Resident.objects.for_user(user).filter(household__ward=spec.ward)
    if spec.area_ids:
        residents = residents.filter(household__area_id__in=spec.area_ids)
    year = (today or timezone.localdate()).year
    if spec.min_age is not None:
        residents = residents.filter(birth_year__lte=year - spec.min_age)
    if spec.max_age is not None:
        residents = residents.filter(birth_year__gte=year - spec.max_age)
    if spec.requires:
        residents = residents.filter(reached_q(spec.requires))
    if spec.lacks:
        residents = residents.exclude(reached_q(spec.lacks))
    return residents


def saturated_phones(ward, phones, policy: MessagingPolicy, now=None) -> set[str]:
    """Numbers that already had the ward's per-recipient cap of messages (campaign messages and
    notices together) within its window."""
    since = (now or timezone.now()) - datetime.timedelta(hours=policy.cap_window_hours)
    counts: dict[str, int] = {}
    for rows in (
        Recipient.objects.filter(campaign__ward=ward, sent_at__gte=since),
        Notice.objects.filter(ward=ward, sent_at__gte=since),
    ):
        if phones is not None:
            rows = rows.filter(phone__in=list(phones))
        for row in rows.values("phone").annotate(n=Count("id")).order_by():
            counts[row["phone"]] = counts.get(row["phone"], 0) + row["n"]
    return {phone for phone, n in counts.items() if n >= policy.per_recipient_cap}


def resolve(spec: AudienceSpec, user, today: datetime.date | None = None) -> Audience:
    """Every targeted resident with its exclusion reason (blank when eligible)."""
    rows = list(
        targeted_residents(spec, user, today)
        .order_by("id")
        .values(
            "id",
            "full_name",
            "phone",
            "consent_to_messages",
            "household__area_id",
            *STATUS_FIELDS,
        )
    )
    opted_out = set(OptOut.objects.filter(ward=spec.ward).values_list("phone", flat=True))
    saturated = saturated_phones(spec.ward, None, MessagingPolicy.for_ward(spec.ward))
    taken: set[str] = set()
    candidates, excluded = [], Counter()
    for row in rows:
        raw = (row["phone"] or "").strip()
        phone = valid_phone(raw) if raw else ""
        if has_reached(row, spec.goal):
            reason = Exclusion.CONVERTED
        elif not row["consent_to_messages"]:
            reason = Exclusion.NO_CONSENT
        elif not raw:
            reason = Exclusion.NO_PHONE
        elif not phone:
            reason = Exclusion.INVALID_PHONE
        elif phone in opted_out:
            reason = Exclusion.OPTED_OUT
        elif phone in saturated:
            reason = Exclusion.OVER_CAP
        elif phone in taken:
            reason = Exclusion.DUPLICATE_PHONE
        else:
            reason = ""
            taken.add(phone)
        if reason:
            excluded[reason] += 1
        candidates.append(
            Candidate(row["id"], row["household__area_id"], phone or raw, row["full_name"], reason)
        )
    return Audience(candidates, excluded)
