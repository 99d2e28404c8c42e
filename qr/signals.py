"""Keep cached redirects and cached public pages true to the catalogue."""

from config.middleware import invalidate_page_cache
from qr import shortlinks
from qr.models import Placement, Procedure, ShortLink


def forget_links(sender, instance, **kwargs) -> None:
    if isinstance(instance, ShortLink):
        codes = [instance.code]
    elif isinstance(instance, Procedure):
        codes = ShortLink.objects.filter(procedure_id=instance.pk).values_list("code", flat=True)
    elif isinstance(instance, Placement):
        codes = ShortLink.objects.filter(placement_id=instance.pk).values_list("code", flat=True)
    else:  # the procedure index page moved or was (un)published: every code of its ward
        site = instance.get_site()
        codes = ShortLink.objects.filter(placement__ward__site=site).values_list("code", flat=True)
    shortlinks.forget(list(codes))


def procedure_changed(sender, instance, **kwargs) -> None:
    forget_links(sender, instance)
    invalidate_page_cache()
