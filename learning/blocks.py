"""The pieces a lesson is made of: text, numbered steps, video, callouts, a quiz, a "try it" link."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("việc cần làm"), max_length=120)
    image = ImageChooserBlock(label=_("ảnh chụp màn hình"), required=False)
    caption = blocks.TextBlock(label=_("giải thích"), required=False, max_length=400)

    class Meta:
        label = _("Bước")
        icon = "list-ol"


class StepsBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(StepBlock(), min_num=1, **kwargs)

    class Meta:
        label = _("Các bước (mỗi bước một việc)")
        icon = "list-ol"
        template = "learning/blocks/steps.html"


class VideoBlock(blocks.StructBlock):
    video = SnippetChooserBlock("learning.Video", label=_("video"))
    caption = blocks.CharBlock(label=_("chú thích"), required=False, max_length=200)

    class Meta:
        label = _("Video")
        icon = "media"
        template = "learning/blocks/video.html"


class TipBlock(blocks.TextBlock):
    class Meta:
        label = _("Mẹo hay")
        icon = "help"
        template = "learning/blocks/tip.html"


class WarningBlock(blocks.TextBlock):
    class Meta:
        label = _("Cảnh báo")
        icon = "warning"
        template = "learning/blocks/warning.html"


class AnswerBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("câu trả lời"), max_length=200)
    correct = blocks.BooleanBlock(label=_("đây là câu đúng"), required=False)
    explanation = blocks.TextBlock(label=_("giải thích"), max_length=400)

    class Meta:
        label = _("Câu trả lời")


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("câu hỏi"), max_length=240)
    answers = blocks.ListBlock(AnswerBlock(), min_num=2, max_num=5, label=_("các câu trả lời"))

    class Meta:
        label = _("Câu hỏi")
        icon = "help"

    def clean(self, value):
        value = super().clean(value)
        correct = sum(1 for answer in value["answers"] if answer["correct"])
        if correct != 1:
            raise StructBlockValidationError(
                block_errors={
                    "answers": ValidationError(_("Mỗi câu hỏi cần đúng một câu trả lời đúng."))
                }
            )
        return value


class QuizBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(QuestionBlock(), min_num=1, **kwargs)

    class Meta:
        label = _("Bài kiểm tra nhanh")
        icon = "tick"
        template = "learning/blocks/quiz.html"


class TryItBlock(blocks.StructBlock):
    url = blocks.URLBlock(label=_("địa chỉ dịch vụ thật"))
    label = blocks.CharBlock(label=_("chữ trên nút"), max_length=80)

    class Meta:
        label = _("Nút “Thử ngay”")
        icon = "link-external"
        template = "learning/blocks/try_it.html"


class LessonStreamBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(
        label=_("Đoạn văn"), features=TEXT_FEATURES, template="learning/blocks/text.html"
    )
    steps = StepsBlock()
    video = VideoBlock()
    tip = TipBlock()
    warning = WarningBlock()
    quiz = QuizBlock()
    try_it = TryItBlock()

    class Meta:
        # Answers are numbered across the lesson: one quiz per lesson keeps that simple.
        block_counts = {"quiz": {"max_num": 1}}
