from types import SimpleNamespace

import pytest

from assistant import services
from qr.models import ProcedureLesson
from tests.learning.conftest import citizen, lesson, lessons, topic  # noqa: F401 (fixtures)
from tests.qr.conftest import catalogue  # noqa: F401 (fixture)


@pytest.fixture
def site(catalogue, lessons):  # noqa: F811 (the imported fixtures)
    """Ward A: the qr catalogue (birth, marriage, temporary residence, certified copies), the VNeID
    lessons, a scams topic with its lesson, the birth procedure linked to an online-birth lesson;
    the index built for both wards."""
    w = catalogue
    safety = topic(w.a.site.root_page, "An toàn trên mạng", "an-toan")
    scam = lesson(
        safety,
        "Nhận biết cuộc gọi giả danh công an",
        slug="gia-danh-cong-an",
        text="Công an không gọi điện bắt bạn cập nhật VNeID. Ai làm vậy là kẻ lừa đảo.",
    )
    services_topic = topic(w.a.site.root_page, "Dịch vụ công", "dich-vu-cong")
    online_birth = lesson(
        services_topic,
        "Nộp hồ sơ đăng ký khai sinh trực tuyến",
        slug="khai-sinh-truc-tuyen",
        text="Đăng ký khai sinh cho con trên Cổng Dịch vụ công mà không phải đến phường.",
    )
    ProcedureLesson.objects.create(procedure=w.birth, page=online_birth)
    services.index_rebuild(ward=w.a)
    services.index_rebuild(ward=w.b)
    return SimpleNamespace(**vars(w), lessons=lessons, scam=scam, online_birth=online_birth)
