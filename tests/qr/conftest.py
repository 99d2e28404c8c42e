from types import SimpleNamespace

import pytest

from qr import services
from qr.models import Placement, Procedure
from wards.roles import Role

PROCEDURES = [
    # code, name, field, online level
    ("1.001193", "Đăng ký khai sinh", "Hộ tịch", "toan_trinh"),
    ("1.000894", "Đăng ký kết hôn", "Hộ tịch", "toan_trinh"),
    ("1.004222", "Đăng ký tạm trú", "Cư trú", "mot_phan"),
    ("2.000815", "Chứng thực bản sao từ bản chính giấy tờ, văn bản", "Chứng thực", "khong"),
]


def procedure(ward, code, name, field="Hộ tịch", online_level="toan_trinh", **extra):
    return Procedure.objects.create(
        ward=ward,
        code=code,
        name=name,
        field=field,
        online_level=online_level,
        purpose=extra.pop("purpose", f"Làm {name.lower()}."),
        documents=extra.pop("documents", "Tờ khai theo mẫu\nGiấy chứng sinh"),
        fees=extra.pop("fees", "Miễn lệ phí"),
        processing_time=extra.pop("processing_time", "Ngay trong ngày làm việc"),
        where_to_submit=extra.pop("where_to_submit", "Bộ phận Một cửa UBND phường"),
        **extra,
    )


@pytest.fixture
def catalogue(two_wards):
    """two_wards, with ward A's procedure index page, four procedures and two placements, and one
    procedure and placement in ward B."""
    w = two_wards
    index = services.procedure_index_ensure(ward=w.a)
    procedures = [procedure(w.a, *row) for row in PROCEDURES]
    counter = Placement.objects.create(
        ward=w.a, label="Bộ phận một cửa", kind=Placement.Kind.COUNTER
    )
    board = Placement.objects.create(
        ward=w.a, label="Bảng tin khu A2", kind=Placement.Kind.NOTICE_BOARD, area=w.a2, outdoor=True
    )
    services.procedure_index_ensure(ward=w.b)
    other = procedure(w.b, "1.001193", "Đăng ký khai sinh (phường B)")
    other_place = Placement.objects.create(ward=w.b, label="Một cửa phường B")
    return SimpleNamespace(
        **vars(w),
        index=index,
        procedures=procedures,
        birth=procedures[0],
        counter=counter,
        board=board,
        other=other,
        other_place=other_place,
    )


@pytest.fixture
def staff_client(client, catalogue):
    client.force_login(catalogue.users[Role.COMMUNICATIONS])
    return client
