import unicodedata

from wards.text import fold, new_tone_placement, same_name_key, vietnamese_sort_key


def test_fold_ignores_accents_case_and_maps_d_stroke():
    assert fold("Đăng ký KẾT HÔN") == "dang ky ket hon"
    assert fold("  tạm   trú ") == "tam tru"
    assert fold("VNeID mức 2") == "vneid muc 2"


def test_fold_treats_decomposed_input_like_composed():
    decomposed = unicodedata.normalize("NFD", "Kết hôn")
    assert fold(decomposed) == fold("Kết hôn")


def test_old_and_new_tone_placement_match_for_duplicates():
    assert new_tone_placement("Hoà") == "Hòa"
    assert new_tone_placement("thuỷ") == "thủy"
    assert new_tone_placement("khoẻ") == "khỏe"
    # A final consonant keeps the mark where both styles put it.
    assert new_tone_placement("Hoàng") == "Hoàng"
    assert same_name_key("Lê Thị Hoà") == same_name_key("lê thị hòa")


def test_vietnamese_alphabetical_order():
    names = ["Đào", "Dung", "Ân", "Anh", "Ăn", "Ơn", "Ông", "Oanh", "Bình"]
    assert sorted(names, key=vietnamese_sort_key) == [
        "Anh",
        "Ăn",
        "Ân",
        "Bình",
        "Dung",
        "Đào",
        "Oanh",
        "Ông",
        "Ơn",
    ]
