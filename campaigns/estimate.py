"""Per-recipient previews, SMS segments and the cost of a campaign before it goes out.

Vietnamese with diacritics is UCS-2: 70 characters in one SMS, 67 per part when longer. Names
and areas differ in length, so every recipient's own text is counted, not one sample.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from campaigns import templating
from campaigns.channels import TEMPLATE_DATA, sms_segments
from wards.models import Area
from wards.public_url import ward_base_url

# Stands in for a link code while none is drawn yet (drafts): same length as a real one.
SAMPLE_CODE = "x" * templating.LINK_CODE_LENGTH
SAMPLE_PERSON = ("Nguyễn Thị Lan", "")


@dataclass
class Preview:
    name: str
    area: str
    text: str
    segments: int
    encoding: str


@dataclass
class Estimate:
    messages: int = 0
    segments: int = 0
    max_segments: int = 0
    encoding: str = ""
    cost: Decimal = Decimal(0)
    per_message_channel: bool = False
    previews: list[Preview] = field(default_factory=list)


def render_for(campaign, account, full_name: str, area: str, code: str = SAMPLE_CODE) -> str:
    context = templating.MessageContext(
        full_name, area, campaign.ward.name, code, base_url=ward_base_url(campaign.ward)
    )
    if account is not None and account.uses_templates:
        text = (campaign.channel_options or {}).get(TEMPLATE_DATA, "")
        data = templating.render_template_data(text, context)
        return templating.describe_template_data(data)
    return templating.render(campaign.body, context)


def estimate(campaign, people, *, previews: int = 5) -> Estimate:
    """`people`: (full name, area name) of everyone who will get the message."""
    account = campaign.channel
    result = Estimate(per_message_channel=bool(account and account.uses_templates))
    price = account.price_per_segment if account else Decimal(0)
    for full_name, area in people:
        text = render_for(campaign, account, full_name, area)
        encoding, segments = sms_segments(text)
        result.messages += 1
        if result.per_message_channel:
            result.cost += price
        else:
            result.segments += segments
            result.max_segments = max(result.max_segments, segments)
            result.cost += price * segments
            if encoding == "UCS-2" or not result.encoding:
                result.encoding = encoding
        if len(result.previews) < previews:
            result.previews.append(Preview(full_name, area, text, segments, encoding))
    return result


def draft_people(audience, ward) -> list[tuple[str, str]]:
    """Names and areas of the eligible in a resolved (not yet frozen) audience."""
    areas = dict(Area.objects.filter(ward=ward).values_list("pk", "name"))
    return [
        (candidate.full_name, areas.get(candidate.area_id, ""))
        for candidate in audience.candidates
        if not candidate.exclusion
    ]


def frozen_people(campaign) -> list[tuple[str, str]]:
    """Names and areas of the rows still to be sent or already sent, in row order."""
    from campaigns.models import Recipient

    rows = (
        campaign.recipients.treatment()
        .exclude(status=Recipient.Status.SKIPPED)
        .values_list("resident__full_name", "area__name")
        .order_by("id")
    )
    return [(name or "", area or "") for name, area in rows]
