"""The demo ward gets a few months of ratings and petitions, once."""

from feedback import demo
from feedback.models import Category, Petition, Rating


def test_the_demo_loads_once_with_published_answers(two_wards):
    demo.load(two_wards.a)
    demo.load(two_wards.a)
    assert Rating.objects.filter(ward=two_wards.a).count() == 160
    assert Category.objects.filter(ward=two_wards.a).count() == len(demo.CATEGORIES)
    published = Petition.objects.filter(ward=two_wards.a).published()
    assert published.count() == 2 and all(p.answer and p.public_text for p in published)
    assert not Petition.objects.filter(ward=two_wards.a).exclude(phone="").exists()
