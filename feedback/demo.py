"""Demo feedback for the demo ward: categories, a few months of ratings, petitions in every state.

Idempotent: nothing is added once the ward has ratings.
"""

import datetime
import random

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from feedback.models import Category, Petition, Rating
from wards import changes
from wards.models import Area

CATEGORIES = [
    ("Vệ sinh môi trường", 5),
    ("Trật tự đô thị, lấn chiếm vỉa hè", 7),
    ("Đường sá, điện chiếu sáng", 10),
    ("Thủ tục hành chính", 5),
    ("Thái độ cán bộ", 3),
    ("Khác", 10),
]
PETITIONS = [
    (
        "Vệ sinh môi trường",
        "Rác để ở đầu hẻm 128 ba ngày chưa ai thu.",
        "answered",
        "Công ty môi trường đã thu gom và thêm một chuyến thu mỗi tối thứ Bảy.",
        True,
    ),
    (
        "Đường sá, điện chiếu sáng",
        "Đèn đường trước nhà văn hóa khu phố 2 bị hỏng.",
        "answered",
        "Phường đã báo điện lực, đèn được thay ngày hôm sau.",
        True,
    ),
    (
        "Thủ tục hành chính",
        "Đề nghị phường hướng dẫn kích hoạt VNeID vào buổi tối cho người đi làm.",
        "in_progress",
        "",
        False,
    ),
    (
        "Trật tự đô thị, lấn chiếm vỉa hè",
        "Xe máy đậu kín vỉa hè đường số 5 giờ tan học.",
        "new",
        "",
        False,
    ),
    ("Khác", "Cảm ơn tổ công nghệ số đã giúp bà tôi cài VNeID.", "acknowledged", "", False),
]
COMMENTS = ["Cán bộ nhiệt tình, dễ hiểu.", "Chờ hơi lâu.", "", "", "Cảm ơn các bạn trẻ.", ""]


def load(ward) -> None:
    if Rating.objects.filter(ward=ward).exists():
        return
    rng = random.Random(13)
    now = timezone.now()
    with transaction.atomic():
        categories = {
            name: Category.objects.get_or_create(
                ward=ward, name=name, defaults={"sla_days": days, "position": i}
            )[0]
            for i, (name, days) in enumerate(CATEGORIES)
        }
        areas = list(Area.objects.filter(ward=ward).order_by("code"))
        teams = _ids("teams", "Team", ward)
        procedures = _ids("qr", "Procedure", ward)[:12]
        ratings = []
        for _n in range(160):
            area = rng.choice(areas) if areas else None
            kind = rng.choice(["visit", "visit", "procedure", "home_service"])
            ratings.append(
                Rating(
                    ward=ward,
                    kind=kind,
                    ref=str(rng.randint(1, 10_000)),
                    area=area,
                    team_id=rng.choice(teams) if teams and kind == "visit" else None,
                    procedure_id=rng.choice(procedures)
                    if procedures and kind == "procedure"
                    else None,
                    score=rng.choices([1, 2, 3, 4, 5], weights=[1, 2, 3, 6, 8])[0],
                    caring=rng.choice(["yes", "yes", "no", ""]),
                    done=rng.choice(["yes", "no", ""]),
                    comment=rng.choice(COMMENTS),
                    created_at=now
                    - datetime.timedelta(days=rng.randint(0, 120), hours=rng.randint(0, 23)),
                )
            )
        Rating.objects.bulk_create(ratings)
        for i, (category, text, status, answer, published) in enumerate(PETITIONS):
            created = now - datetime.timedelta(days=12 - 2 * i)
            cat = categories[category]
            Petition.objects.create(
                ward=ward,
                category=cat,
                area=areas[i % len(areas)] if areas else None,
                text=text,
                status=status,
                created_at=created,
                due_at=Petition.due_for(cat, created),
                acknowledged_at=created + datetime.timedelta(hours=5) if status != "new" else None,
                answered_at=created + datetime.timedelta(days=2) if answer else None,
                answer=answer,
                published=published,
                public_text=text if published else "",
            )
        changes.record(ward_ids=[ward.pk], part=changes.Part.FEEDBACK)


def _ids(app_label, model, ward) -> list[int]:
    """Ids of another app's rows, when that app is installed (feedback does not import it)."""
    if not apps.is_installed(app_label):
        return []
    return list(
        apps.get_model(app_label, model).objects.filter(ward=ward).values_list("pk", flat=True)
    )
