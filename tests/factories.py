"""Builders for test data. Writes go through the services, as the application's own code does."""

import itertools

from django.contrib.auth import get_user_model

from home.services import ward_site_create
from wards.models import Area
from wards.services import household_create, membership_grant, resident_create

_numbers = itertools.count(1)


def ward(name=None, hostname=None, **kwargs):
    n = next(_numbers)
    return ward_site_create(
        name=name or f"Phường Thử {n}",
        slug=f"thu-{n}",
        province="Tỉnh Thử",
        hostname=hostname or f"ward{n}.test",
        **kwargs,
    )


def area(ward, code=None, name=None):
    n = next(_numbers)
    return Area.objects.create(ward=ward, code=code or f"kp{n}", name=name or f"Khu phố {n}")


def household(area, address=None, head_name="Nguyễn Văn An", phone="", size=3):
    n = next(_numbers)
    return household_create(
        area=area, address=address or f"{n} Lê Lợi", head_name=head_name, phone=phone, size=size
    )


def resident(household, full_name="Trần Thị Bình", birth_year=1960, phone="", consent=True):
    return resident_create(
        household=household,
        full_name=full_name,
        birth_year=birth_year,
        phone=phone,
        consent_to_messages=consent,
    )


def user(username=None, *, ward=None, role=None, areas=(), password="pw-for-tests", **kwargs):
    username = username or f"user{next(_numbers)}"
    account = get_user_model().objects.create_user(username=username, password=password, **kwargs)
    if role:
        membership_grant(user=account, ward=ward, role=role, areas=areas)
    return account
