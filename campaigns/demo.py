"""Demo campaigns: one sent 40 days ago through the console channel, with deliveries, clicks,
conversions recorded by later visits and a holdout, so its results page shows a funnel and an
uplift; one big campaign waiting for the leader's approval. Idempotent."""

import datetime
import random

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page

from campaigns import audience, dispatch, services
from campaigns.models import Campaign, MessagingPolicy, OptOutSource, Recipient
from wards import changes
from wards.models import EventSource, Milestone
from wards.services import adoption_event_record

SENT_NAME = "Nhắc kích hoạt VNeID mức 2 — cả phường"
WAITING_NAME = "Mời nộp hồ sơ trực tuyến lần đầu — cả phường"
SENT_DAYS_AGO = 40
DEMO_THRESHOLD = 200


def _user(username):
    return get_user_model().objects.filter(username=username).first()


def _lesson(ward, *words) -> Page | None:
    pages = Page.objects.live().descendant_of(ward.site.root_page)
    query = Q()
    for word in words:
        query |= Q(slug__icontains=word)
    return pages.filter(query).order_by("depth", "path").first()


def load(ward) -> None:
    if Campaign.objects.filter(ward=ward, name=SENT_NAME).exists():
        return
    comms, leader = _user("truyenthong"), _user("lanhdao")
    console = services.console_account_ensure(ward=ward)
    console.rate_per_second = 1000
    console.save(update_fields=["rate_per_second"])
    services.messaging_policy_save(ward=ward, by=comms, approval_threshold=DEMO_THRESHOLD)
    _sent_campaign(ward, console, comms, leader)
    _waiting_campaign(ward, console, comms)


def _sent_campaign(ward, console, comms, leader) -> None:
    built = services.campaign_create(
        ward=ward,
        by=comms,
        name=SENT_NAME,
        goal=Milestone.VNEID_LEVEL2_ACTIVATED,
        min_age=18,
        channel=console,
        body="Phường Hòa An: chào {ten}, mời bác kích hoạt VNeID mức 2, xem cách làm: {lien_ket}",
        target_page=_lesson(ward, "kich-hoat", "muc-2"),
        holdout_percent=20,
        conversion_window_days=30,
    )
    services.campaign_submit(campaign=built, by=comms)
    if built.status == Campaign.Status.AWAITING_APPROVAL:
        services.campaign_approve(campaign=built, by=leader)
    # Send now whatever the hour (the demo is loaded at any time), then keep the 07:00-22:00 rule.
    policy = MessagingPolicy.for_ward(ward)
    window = policy.send_from, policy.send_until
    services.messaging_policy_save(
        ward=ward, by=comms, send_from=datetime.time(0), send_until=datetime.time(0)
    )
    dispatch.run(console.pk)
    services.messaging_policy_save(ward=ward, by=comms, send_from=window[0], send_until=window[1])
    _backdate_and_follow_up(ward, built)


def _backdate_and_follow_up(ward, built) -> None:
    rng = random.Random(2026)
    start = timezone.now() - datetime.timedelta(days=SENT_DAYS_AGO)
    start = start.replace(hour=9, minute=0, second=0, microsecond=0)
    Campaign.objects.filter(pk=built.pk).update(
        created_at=start - datetime.timedelta(days=2),
        submitted_at=start - datetime.timedelta(days=1),
        approved_at=start - datetime.timedelta(hours=20),
        started_at=start,
        finished_at=start + datetime.timedelta(minutes=5),
    )
    rows = Recipient.objects.filter(campaign=built).select_related("resident")
    for row in rows:
        if row.status == Recipient.Status.HOLDOUT:
            if rng.random() < 0.09:
                _convert(row.resident, start, rng, built)
            continue
        if row.status != Recipient.Status.DELIVERED:
            continue
        sent = start + datetime.timedelta(seconds=rng.randrange(1, 300))
        fields = {"sent_at": sent, "delivered_at": sent + datetime.timedelta(seconds=5)}
        if rng.random() < 0.12:  # a phone that was off: Twilio-style "undelivered"
            fields = {"sent_at": sent, "delivered_at": None, "status": "undelivered"}
            fields["failure"] = "undelivered"
        elif rng.random() < 0.35:
            clicked = sent + datetime.timedelta(hours=rng.randrange(1, 48))
            fields.update(first_clicked_at=clicked, clicks=rng.choice([1, 1, 2]))
            if rng.random() < 0.6:
                _convert(row.resident, sent, rng, built)
        elif rng.random() < 0.12:
            _convert(row.resident, sent, rng, built)
        elif rng.random() < 0.02:
            services.opt_out_record(
                ward=ward, phone=row.phone, source=OptOutSource.KEYWORD, campaign=built
            )
        Recipient.objects.filter(pk=row.pk).update(**fields)
    # The rows changed after the dispatch's marks: one more, after them, for the demo's figures.
    changes.record(ward_ids=[ward.pk], part=changes.Part.CAMPAIGNS)


def _convert(resident, after, rng, built) -> None:
    """A team member's later visit helped the resident activate VNeID level 2."""
    day = timezone.localdate(after) + datetime.timedelta(days=rng.randrange(2, 28))
    adoption_event_record(
        resident=resident,
        milestone=Milestone.VNEID_LEVEL2_ACTIVATED,
        occurred_on=day,
        source=EventSource.VISIT,
        verified=True,
        source_ref=f"demo-campaign:{built.pk}",
    )


def _waiting_campaign(ward, console, comms) -> None:
    built = services.campaign_create(
        ward=ward,
        by=comms,
        name=WAITING_NAME,
        goal=Milestone.ONLINE_SUBMISSION,
        min_age=18,
        channel=console,
        body="Chào {ten}, làm giấy tờ ở phường giờ nộp được trên điện thoại, không phải xếp "
        "hàng. Xem cách nộp: {lien_ket}",
        target_page=_lesson(ward, "nop-ho-so", "truc-tuyen"),
        holdout_percent=10,
    )
    eligible = audience.resolve(audience.AudienceSpec.of(built), comms).eligible
    if eligible == 0:  # a tiny test ward may leave nobody to message: keep it as a draft
        return
    if eligible <= DEMO_THRESHOLD:  # small demo wards: still show the leader an approval
        services.messaging_policy_save(ward=ward, by=comms, approval_threshold=eligible // 2)
    services.campaign_submit(campaign=built, by=comms)
