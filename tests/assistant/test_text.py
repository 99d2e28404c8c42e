from assistant import text


def test_tokens_are_folded_syllables_pairs_and_segmented_words():
    terms = text.tokens("Đăng ký tạm trú")
    assert {"dang", "ky", "tam", "tru", "dang_ky", "ky_tam", "tam_tru"} <= set(terms)
    assert set(text.tokens("dang ky tam tru")) >= {"tam_tru", "dang_ky"}


def test_question_words_are_not_terms_but_still_make_pairs():
    terms = text.tokens("làm gì")
    assert "gi" not in terms and "lam" not in terms
    assert "lam_gi" in terms


def test_scrub_takes_out_phones_emails_and_names():
    cleaned = text.scrub(
        "Tôi là Lê Thị Hoa, số +84 912.345.678, mail hoa@example.vn, hỏi khai sinh"
    )
    assert "912" not in cleaned and "hoa@" not in cleaned
    assert "Lê Thị Hoa" not in cleaned and "Hoa" not in cleaned
    assert "khai sinh" in cleaned
    assert text.scrub("bà Nguyễn Thị Lan cần tạm trú") == "bà [tên] cần tạm trú"


def test_scrub_keeps_ordinary_questions():
    assert text.scrub("Đăng ký tạm trú cho người thuê nhà") == "Đăng ký tạm trú cho người thuê nhà"
