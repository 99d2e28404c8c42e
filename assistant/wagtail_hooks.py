"""The assistant in the Wagtail admin: the synonym list and the queue of unanswered questions."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.viewsets.base import ViewSetGroup

from assistant.admin_forms import SynonymForm
from assistant.models import Question, Synonym
from wards.wagtail_hooks import ScopedModelViewSet


class SynonymViewSet(ScopedModelViewSet):
    model = Synonym
    name = "assistant_synonyms"
    url_prefix = "tro-ly/tu-dong-nghia"
    icon = "openquote"
    menu_label = _("Từ đồng nghĩa")
    list_display = ["phrase", "means", "ward"]
    search_fields = ["phrase", "means"]
    list_per_page = 50
    edit_handler = ObjectList(
        [FieldPanel("ward"), FieldPanel("phrase"), FieldPanel("means")], base_form_class=SynonymForm
    )


class QuestionViewSet(ScopedModelViewSet):
    """Editors read what citizens asked without a good answer, most asked first, and tick it off
    once a synonym or a page answers it."""

    model = Question
    name = "assistant_questions"
    url_prefix = "tro-ly/cau-hoi"
    icon = "help"
    menu_label = _("Câu hỏi chưa trả lời được")
    list_display = ["text", "count", "reason", "best_title", "last_asked_at", "handled"]
    list_filter = ["handled", "reason"]
    search_fields = ["text"]
    list_per_page = 50
    add_view_enabled = False
    form_fields = ["handled"]


class AssistantGroup(ViewSetGroup):
    menu_label = _("Trợ lý thủ tục")
    menu_icon = "search"
    menu_order = 260
    items = (QuestionViewSet, SynonymViewSet)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return AssistantGroup()
