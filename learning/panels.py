from wagtail.admin.panels import Panel


class VideoStatusPanel(Panel):
    """Processing / ready / failed with its reason, and a "process again" button."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "learning/admin/video_status_panel.html"

        def is_shown(self):
            return bool(self.instance and self.instance.pk)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["video"] = self.instance
            return context
