"""Everyday words seeded for every ward, and the daily deletion of questions older than 90 days."""

import datetime

from django.db import migrations
from django.utils import timezone

FUNC = "assistant.tasks.forget_old_questions"

# (what citizens type, the words the ward's pages use)
SEED = [
    ("hộ khẩu", "cư trú, thường trú"),
    ("sổ hộ khẩu", "cư trú, thường trú, xác nhận thông tin về cư trú"),
    ("chuyển hộ khẩu", "đăng ký thường trú"),
    ("nhập hộ khẩu", "đăng ký thường trú"),
    ("căn cước", "CCCD, thẻ căn cước, cấp thẻ căn cước"),
    ("chứng minh thư", "thẻ căn cước, CCCD"),
    ("cmnd", "thẻ căn cước, CCCD"),
    ("cccd", "thẻ căn cước, căn cước"),
    ("giấy khai sinh", "đăng ký khai sinh"),
    ("mới sinh", "khai sinh, đăng ký khai sinh"),
    ("mới đẻ", "khai sinh, đăng ký khai sinh"),
    ("sinh con", "khai sinh, đăng ký khai sinh"),
    ("làm giấy cho con", "đăng ký khai sinh"),
    ("đăng ký kết hôn", "kết hôn"),
    ("cưới", "kết hôn, đăng ký kết hôn"),
    ("lấy vợ", "kết hôn"),
    ("lấy chồng", "kết hôn"),
    ("giấy độc thân", "xác nhận tình trạng hôn nhân"),
    ("chết", "khai tử"),
    ("qua đời", "khai tử"),
    ("ở trọ", "tạm trú"),
    ("thuê nhà", "tạm trú"),
    ("đi làm ăn xa", "tạm vắng"),
    ("sổ đỏ", "giấy chứng nhận quyền sử dụng đất"),
    ("công chứng", "chứng thực"),
    ("photo công chứng", "chứng thực bản sao"),
    ("sao y", "chứng thực bản sao"),
    ("định danh", "VNeID, định danh điện tử"),
    ("app công an", "VNeID"),
    ("mức 2", "VNeID mức 2, kích hoạt"),
    ("lừa", "lừa đảo"),
    ("giả danh", "lừa đảo, giả danh"),
    ("tự xưng công an", "giả danh công an, lừa đảo"),
    ("mã otp", "OTP, lừa đảo"),
    ("chuyển khoản", "thanh toán, ngân hàng"),
    ("quẹt mã", "mã QR, thanh toán"),
    ("tiền điện", "hóa đơn điện, thanh toán"),
    ("bảo hiểm y tế", "BHYT, thẻ bảo hiểm y tế"),
    ("bằng lái", "giấy phép lái xe"),
    ("đổi điện thoại", "điện thoại mới, đăng nhập VNeID"),
    ("người già", "người cao tuổi"),
    ("trợ cấp", "trợ cấp xã hội, trợ giúp xã hội"),
    ("xây nhà", "giấy phép xây dựng"),
]


def _fold(text):
    import unicodedata

    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.replace("đ", "d").replace("Đ", "D").lower().split())


def create(apps, schema_editor):
    Synonym = apps.get_model("assistant", "Synonym")
    for phrase, means in SEED:
        Synonym.objects.get_or_create(
            ward=None, phrase=phrase, defaults={"means": means, "phrase_folded": _fold(phrase)}
        )
    Schedule = apps.get_model("django_q", "Schedule")
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    Schedule.objects.update_or_create(
        func=FUNC,
        defaults={
            "name": "Trợ lý: xóa câu hỏi cũ hơn 90 ngày",
            "schedule_type": "D",
            "next_run": tomorrow.replace(hour=3, minute=0, second=0, microsecond=0),
        },
    )


def remove(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(func=FUNC).delete()
    apps.get_model("assistant", "Synonym").objects.filter(ward=None, phrase__in=[p for p, _ in SEED]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("assistant", "0001_documents_synonyms_questions"),
        ("django_q", "0018_task_success_index"),
    ]

    operations = [migrations.RunPython(create, remove)]
