"""The demo ward: a believable Vietnamese ward with people, staff logins and every app's demo content."""

import datetime
import importlib
import os

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Locale, Page, Site

from home.services import ward_site_create
from wards.generate import generate_people
from wards.models import Area, Ward
from wards.roles import Role
from wards.services import membership_grant

WARD_SLUG = "hoa-an"
PASSWORD = "phuongso-demo"
AREAS = [
    ("kp1", "Khu phố 1"),
    ("kp2", "Khu phố 2"),
    ("kp3", "Khu phố 3"),
    ("kp4", "Khu phố 4"),
    ("kp5", "Khu phố 5"),
    ("kp6", "Khu phố 6"),
]
# Neighbouring wards, so the province administrator ranks more than one: (name, slug, areas).
NEIGHBOURS = [
    ("Phường Thanh Khê", "thanh-khe", 4),
    ("Phường Sơn Trà", "son-tra", 5),
]
# (username, role, areas by code, what the login is for)
LOGINS = [
    ("admin", Role.WARD_ADMIN, [], "Quản trị phường"),
    ("truyenthong", Role.COMMUNICATIONS, [], "Cán bộ truyền thông"),
    ("lanhdao", Role.LEADER, [], "Lãnh đạo phường"),
    ("totruong", Role.TEAM_LEADER, ["kp1", "kp2", "kp3"], "Tổ trưởng tổ công nghệ số"),
    ("tovien", Role.TEAM_MEMBER, ["kp1", "kp2"], "Tổ viên (Khu phố 1 và 2)"),
    ("tinh", Role.PROVINCE_ADMIN, [], "Quản trị tỉnh / thành phố"),
    # Also made by homeservice.demo (its first name); listed here so load_demo prints it.
    ("motcua", Role.ONE_STOP, [], "Cán bộ một cửa (Phục vụ tại nhà)"),
]
BRANDING = {
    "address": "Số 1 Nguyễn Văn Linh, Phường Hòa An",
    "hotline": "0236 3 123 456",
    "email": "motcua@hoaan.example.vn",
    "office_hours": "Thứ Hai – Thứ Sáu: 7:30 – 11:30, 13:30 – 17:00\nSáng Thứ Bảy: 7:30 – 11:30",
}


def _remove_wagtail_welcome_page() -> None:
    default = Site.objects.filter(is_default_site=True, ward__isnull=True).first()
    if default:
        page = default.root_page
        default.delete()
        if type(page.specific) is Page:
            page.delete()


@transaction.atomic
def create_ward(today: datetime.date) -> Ward:
    _remove_wagtail_welcome_page()
    ward = ward_site_create(
        name="Phường Hòa An",
        slug=WARD_SLUG,
        province="Thành phố Đà Nẵng",
        hostname="localhost",
        port=demo_port(),
        is_default_site=True,
        intro="Chào mừng bà con đến với cổng Bình dân học vụ số của phường",
        branding=BRANDING,
    )
    areas = [Area.objects.create(ward=ward, code=code, name=name) for code, name in AREAS]
    generate_people(
        ward=ward,
        areas=areas,
        households_per_area=settings.DEMO_HOUSEHOLDS_PER_AREA,
        seed=2026,
        today=today,
    )
    return ward


def demo_port() -> int:
    """The port `make run` serves on, so posters print an address that opens on this machine."""
    value = os.environ.get("PORT", "")
    return int(value) if value.isdigit() and 0 < int(value) < 65536 else 80


@transaction.atomic
def create_neighbour(name: str, slug: str, areas: int, today: datetime.date, seed: int) -> Ward:
    ward = ward_site_create(
        name=name,
        slug=slug,
        province="Thành phố Đà Nẵng",
        hostname=f"{slug}.localhost",
        port=demo_port(),
        intro=f"Cổng Bình dân học vụ số của {name}",
        branding={"display_name": name},
    )
    made = [
        Area.objects.create(ward=ward, code=f"kp{n}", name=f"Khu phố {n}")
        for n in range(1, areas + 1)
    ]
    generate_people(
        ward=ward,
        areas=made,
        households_per_area=settings.DEMO_HOUSEHOLDS_PER_AREA,
        seed=seed,
        today=today,
    )
    return ward


def load_neighbours(today: datetime.date, stdout=None) -> list[Ward]:
    """The neighbouring wards and whatever each app gives them (`load_neighbour(ward)`)."""
    wards = []
    for seed, (name, slug, areas) in enumerate(NEIGHBOURS, start=2027):
        ward = Ward.objects.filter(slug=slug).first() or create_neighbour(
            name, slug, areas, today, seed
        )
        for config in apps.get_app_configs():
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError:
                continue
            if hasattr(module, "load_neighbour"):
                module.load_neighbour(ward)
        wards.append(ward)
        if stdout:
            stdout.write(f"  {name}: ok")
    return wards


def ensure_logins(ward: Ward) -> None:
    User = get_user_model()
    for username, role, area_codes, _label in LOGINS:
        user, created = User.objects.get_or_create(username=username)
        if created:
            user.set_password(PASSWORD)
            user.save()
        membership_grant(
            user=user,
            ward=None if role == Role.PROVINCE_ADMIN else ward,
            role=role,
            areas=Area.objects.filter(ward=ward, code__in=area_codes),
        )


def load_app_demos(ward: Ward, stdout=None) -> None:
    """Each app may ship `<app>/demo.py` with an idempotent `load(ward)`."""
    for config in apps.get_app_configs():
        if config.name == "home":
            continue
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.demo":
                raise
            continue
        if hasattr(module, "load"):
            module.load(ward)
            if stdout:
                stdout.write(f"  {config.name}: ok")


ENGLISH_HOME = {
    "title": "Hoa An Ward",
    "intro": "Welcome to the ward's portal for digital skills for everyone",
}


def _english_home(ward: Ward) -> None:
    """The ward's home page in English too, so English mode shows a translated page beside the
    untranslated ones (which say so)."""
    locale = Locale.objects.filter(language_code="en").first()
    home = ward.site.root_page
    if locale is None or home.get_translation_or_none(locale) is not None:
        return
    with transaction.atomic():
        page = home.specific.copy_for_translation(locale)
        page.title, page.intro = ENGLISH_HOME["title"], ENGLISH_HOME["intro"]
        page.save_revision().publish()


def load(today: datetime.date | None = None, stdout=None) -> Ward:
    ward = Ward.objects.filter(slug=WARD_SLUG).first() or create_ward(
        today or datetime.date.today()
    )
    ensure_logins(ward)
    load_app_demos(ward, stdout)
    _english_home(ward)
    load_neighbours(today or datetime.date.today(), stdout)
    return ward
