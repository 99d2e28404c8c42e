"""What the assistant answers from (one row per page of a ward's site), the staff's synonyms, and
the questions it could not answer well."""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wards import scoping
from wards.models import Ward
from wards.text import fold, nfc

KEEP_QUESTIONS_DAYS = 90


class Kind(models.TextChoices):
    PROCEDURE = "procedure", _("Thủ tục")
    LESSON = "lesson", _("Bài học")
    TOPIC = "topic", _("Chủ đề")
    PAGE = "page", _("Trang")


class SearchDocumentQuerySet(models.QuerySet):
    def of_ward(self, ward_id: int):
        return self.filter(ward_id=ward_id)


class SearchDocument(models.Model):
    """A page of the ward's public site as the assistant sees it, rebuilt when pages change.

    `terms` are the index words (assistant.text.tokens); `vector` the sentence embedding
    (float32, L2-normalised) of `digest`'s text, reused while that text is unchanged.
    """

    ward = models.ForeignKey(Ward, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    ref = models.PositiveBigIntegerField()  # the procedure's or page's id
    title = models.CharField(max_length=400)
    url = models.CharField(max_length=500)
    summary = models.TextField(blank=True)
    terms = models.TextField(blank=True)
    digest = models.CharField(max_length=40)
    vector = models.BinaryField(null=True)
    popularity = models.PositiveIntegerField(default=0)  # scans of its posters, for ties
    data = models.JSONField(default=dict)  # what the answer card shows (documents, fee, lessons …)

    objects = SearchDocumentQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ward", "kind", "ref"], name="assistant_document_once")
        ]

    def __str__(self):
        return self.title


class SynonymQuerySet(models.QuerySet):
    def for_user(self, user):
        mine = models.Q(ward__in=scoping.wards_for(user))
        return (
            self.filter(mine | models.Q(ward__isnull=True))
            if scoping.is_province_admin(user)
            else self.filter(mine)
        )


class Synonym(models.Model):
    """An everyday phrase and the words the ward's pages use for it."""

    ward = models.ForeignKey(
        Ward,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("phường"),
        help_text=_("Để trống để dùng cho mọi phường."),
    )
    phrase = models.CharField(
        _("người dân hay gõ"), max_length=100, help_text=_("Ví dụ: hộ khẩu, căn cước, mới sinh.")
    )
    means = models.CharField(
        _("nghĩa là"),
        max_length=300,
        help_text=_("Từ dùng trong trang của phường, cách nhau bằng dấu phẩy: cư trú, thường trú."),
    )
    phrase_folded = models.CharField(max_length=100, editable=False, default="")

    objects = SynonymQuerySet.as_manager()

    class Meta:
        verbose_name = _("từ đồng nghĩa")
        verbose_name_plural = _("từ đồng nghĩa")
        ordering = ["phrase_folded"]

    def __str__(self):
        return f"{self.phrase} → {self.means}"

    def save(self, *args, **kwargs):
        self.phrase, self.means = nfc(self.phrase), nfc(self.means)
        self.phrase_folded = fold(self.phrase)
        super().save(*args, **kwargs)


class QuestionQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(ward__in=scoping.wards_for(user))

    def open(self):
        return self.filter(handled=False)

    def expired(self, now=None):
        cutoff = (now or timezone.now()) - datetime.timedelta(days=KEEP_QUESTIONS_DAYS)
        return self.filter(last_asked_at__lt=cutoff)


class Question(models.Model):
    """A question without a good answer, for editors to add a synonym or a page.

    Stored scrubbed (assistant.text.scrub: no phone numbers, no names) and folded into one row
    per wording, with a count; kept 90 days after it was last asked.
    """

    class Reason(models.TextChoices):
        WEAK = "weak", _("Không có kết quả tốt")  # best score under the threshold
        WRONG = "wrong", _("Người dân bấm “Không đúng”")

    ward = models.ForeignKey(
        Ward, on_delete=models.CASCADE, related_name="+", verbose_name=_("phường")
    )
    text = models.CharField(_("câu hỏi"), max_length=200)
    key = models.CharField(max_length=200, editable=False)
    reason = models.CharField(_("lý do"), max_length=8, choices=Reason.choices)
    best_title = models.CharField(_("kết quả đầu tiên"), max_length=400, blank=True)
    count = models.PositiveIntegerField(_("số lần"), default=1)
    first_asked_at = models.DateTimeField(_("lần đầu"), default=timezone.now)
    last_asked_at = models.DateTimeField(_("lần gần nhất"), default=timezone.now)
    handled = models.BooleanField(_("đã xử lý"), default=False)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("câu hỏi chưa có câu trả lời")
        verbose_name_plural = _("câu hỏi chưa có câu trả lời")
        ordering = ["handled", "-count", "-last_asked_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["ward", "key", "reason"], name="assistant_question_once"
            )
        ]

    def __str__(self):
        return self.text
