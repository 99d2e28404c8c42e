"""Residents' replies, kept for the staff inbox: every inbound message, recognised or not."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wards import scoping

# Twilio's longest Body; longer texts are cut here, never refused (the reply is kept).
MAX_TEXT = 1600


class KeywordAction(models.TextChoices):
    """What `campaigns.delivery.keyword_action` recognised in a reply ("" for none)."""

    OUT = "out", _("Từ chối nhận tin")
    IN = "in", _("Đăng ký nhận lại")
    HELP = "help", _("Nhờ giúp đỡ")


class InboundMessageQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(ward__in=scoping.wards_for(user))

    def unread(self):
        return self.filter(read_at__isnull=True)

    def unacted(self):
        """Stored, but its keyword (or the help text) not acted on yet."""
        return self.filter(acted_at__isnull=True)

    def thread_of(self, message):
        """Every reply from the same sender in the same ward."""
        if message.phone:
            return self.filter(ward_id=message.ward_id, phone=message.phone)
        return self.filter(ward_id=message.ward_id, phone="", sender_ref=message.sender_ref)


class InboundMessage(models.Model):
    ward = models.ForeignKey("wards.Ward", on_delete=models.CASCADE, related_name="+")
    account = models.ForeignKey(
        "campaigns.ChannelAccount", on_delete=models.PROTECT, related_name="+"
    )
    # The provider's id of the message (Twilio MessageSid, Zalo msg_id): a retried webhook
    # carries the same one and stores nothing the second time.
    provider_id = models.CharField(max_length=64, blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=16, blank=True)
    # Who sent it when no Vietnamese mobile number came with it (a Zalo user id, a foreign
    # number), so a thread still holds together.
    sender_ref = models.CharField(max_length=64, blank=True)
    resident = models.ForeignKey(
        "wards.Resident", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("nội dung"))
    action = models.CharField(_("từ khóa"), max_length=4, choices=KeywordAction.choices, blank=True)
    received_at = models.DateTimeField(_("lúc nhận"), default=timezone.now)
    # Set by the one task that claims the reply (a conditional UPDATE) before acting on its
    # keyword: a retried task or a second worker finds it set and does nothing.
    acted_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = InboundMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("tin đến")
        verbose_name_plural = _("tin đến")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["account", "provider_id"],
                condition=~models.Q(provider_id=""),
                name="inbound_once_per_provider_id",
            )
        ]
        indexes = [
            models.Index(fields=["ward", "phone", "received_at"]),
            models.Index(fields=["ward", "read_at"]),
            # The sweep's look-up: only replies not yet acted on are in it, so it stays small.
            models.Index(
                fields=["received_at"],
                condition=models.Q(acted_at__isnull=True),
                name="inbound_unacted",
            ),
        ]

    def __str__(self):
        return f"{self.pk}:{self.received_at:%Y-%m-%d}"

    @property
    def awaiting_action(self) -> bool:
        return bool(self.action) and self.acted_at is None


class SenderAlias(models.Model):
    """A provider's id of a person (a Zalo user id) and the phone our message to them went to,
    learnt from a delivery receipt naming both, so their replies find the resident."""

    account = models.ForeignKey(
        "campaigns.ChannelAccount", on_delete=models.CASCADE, related_name="+"
    )
    ref = models.CharField(max_length=64)
    phone = models.CharField(max_length=16)
    learnt_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["account", "ref"], name="sender_alias_once")]

    def __str__(self):
        return f"{self.account_id}:{self.ref}"
