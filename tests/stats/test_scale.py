"""seed_scale's stats hook: visits, scans and messages in bulk, and roll-ups equal to them."""

from django.core.management import call_command
from django.db.models import Sum
from django.utils import timezone

from campaigns.models import Recipient
from qr.models import Scan
from stats import figures, periods
from stats.models import AdoptionMonth, CampaignArea, ScanMonthCount, VisitMonth, WardRollup
from teams.models import Visit
from wards.models import Resident, Vneid, Ward


def test_seed_scale_fills_every_app_and_the_rollups_match_the_rows(db):
    call_command(
        "seed_scale",
        wards=2,
        areas=3,
        households=6,
        visits=50,
        scans=80,
        messages=30,
        rollups=True,
        prefix="thu",
    )
    wards = list(Ward.objects.filter(slug__startswith="thu-"))
    assert len(wards) == 2 and WardRollup.objects.filter(ward__in=wards).count() == 2
    ward = wards[0]
    assert Visit.objects.filter(ward=ward).count() == 50
    assert Scan.objects.filter(link__placement__ward=ward).count() == 80
    assert Recipient.objects.filter(campaign__ward=ward).count() == 30

    def total(model, field):
        return model.objects.filter(ward=ward).aggregate(n=Sum(field))["n"]

    assert total(VisitMonth, "visits") == 50
    assert (
        total(ScanMonthCount, "scans")
        == Scan.objects.filter(link__placement__ward=ward, is_bot=False).count()
    )
    assert total(CampaignArea, "targeted") == 30
    today = timezone.localdate()
    level2 = (
        Resident.objects.filter(household__ward=ward, vneid=Vneid.LEVEL2_ACTIVATED)
        .adults(today)
        .count()
    )
    reached = figures.adoption_through(figures.Scope((ward.pk,)), today, by_unit=False)
    assert reached[("vneid_level2_activated",)]["reached"] == level2 > 0
    assert AdoptionMonth.objects.filter(ward=ward, month__lte=periods.month_start(today)).exists()


def test_each_app_seeds_its_own_part_in_the_order_of_installed_apps():
    from home.management.commands.seed_scale import scale_parts

    names = [part.__name__ for part in scale_parts()]
    assert names == ["wards.scale", "qr.scale", "teams.scale", "campaigns.scale", "stats.scale"]
