LESSON = {
    "topic": "an-toan",
    "slug": "lua-dao-dau-tu-viec-lam-online-lam-nhiem-vu",
    "title": "Nhận biết lừa đảo đầu tư, việc làm online và làm nhiệm vụ",
    "summary": "Lời hứa việc nhẹ lương cao hay lãi lớn không rủi ro là dấu hiệu của lừa đảo trên mạng.",
    "difficulty": "vua",
    "audience": "Thanh niên và người lao động",
    "minutes": 5,
    "milestone": None,
    "try_url": None,
    "try_label": "",
    "body": [
        (
            "text",
            "Kẻ gian mời làm việc online: thả tim, đánh giá sản phẩm, chốt đơn hộ. "
            "Vài lần đầu bạn được trả tiền thật để tin tưởng.",
        ),
        (
            "text",
            "Sau đó họ bắt nạp tiền để làm nhiệm vụ lớn hơn, rồi báo lỗi và đòi nạp thêm mới rút được. "
            "Lừa đảo đầu tư cũng vậy: hứa lãi cao, cho rút ít lúc đầu, rồi chiếm hết.",
        ),
        (
            "warning",
            "Việc làm thật không bắt người lao động nạp tiền. Không có khoản đầu tư nào "
            "lãi cao mà chắc chắn không rủi ro.",
        ),
        (
            "steps",
            [
                {
                    "title": "Dừng lại",
                    "caption": "Thấy việc nhẹ lương cao hay lãi lớn, hãy dừng lại trước khi làm gì.",
                },
                {
                    "title": "Hỏi: có phải nạp tiền không?",
                    "caption": "Bị yêu cầu nạp, chuyển tiền hay mua hàng trước thì đó là lừa đảo.",
                },
                {
                    "title": "Không cài ứng dụng lạ",
                    "caption": "Không cài ứng dụng hay vào trang đầu tư theo link người lạ gửi.",
                },
                {
                    "title": "Không nạp thêm",
                    "caption": "Bị báo lỗi, đòi nạp thêm để rút tiền thì dừng ngay, không nạp nữa.",
                },
                {
                    "title": "Hỏi người thân",
                    "caption": "Kể cho người nhà hoặc tổ công nghệ số cộng đồng trước khi chuyển tiền.",
                },
                {
                    "title": "Giữ bằng chứng",
                    "caption": "Chụp lại tin nhắn, số tài khoản đã chuyển.",
                },
                {
                    "title": "Báo công an",
                    "caption": "Đến công an phường để trình báo, mang theo bằng chứng.",
                },
            ],
        ),
        (
            "tip",
            "Muốn học thêm về an toàn trên mạng? Các khóa học đầy đủ, có chứng nhận, nằm trên nền tảng "
            "binhdanhocvuso.gov.vn. Bài học của phường là các hướng dẫn ngắn để làm ngay.",
        ),
        (
            "tip",
            "Người tự xưng có thể giúp lấy lại tiền bị lừa, đòi trả phí trước, cũng là kẻ lừa đảo.",
        ),
        (
            "quiz",
            [
                {
                    "question": "Công việc online trả tiền cho vài lần đầu, rồi bắt nạp tiền để làm tiếp. Đây là gì?",
                    "answers": [
                        {
                            "text": "Lừa đảo làm nhiệm vụ",
                            "correct": True,
                            "explanation": "Trả tiền lúc đầu chỉ để bạn tin rồi nạp số tiền lớn hơn.",
                        },
                        {
                            "text": "Công việc thật, nên nạp để tăng thu nhập",
                            "correct": False,
                            "explanation": "Việc làm thật không bắt người lao động nạp tiền.",
                        },
                        {
                            "text": "Chương trình khuyến mãi",
                            "correct": False,
                            "explanation": "Khuyến mãi không bắt bạn nạp tiền mới được rút tiền.",
                        },
                    ],
                },
                {
                    "question": "Bị báo lỗi, đòi nạp thêm mới rút được tiền. Bạn làm gì?",
                    "answers": [
                        {
                            "text": "Nạp thêm để lấy lại tiền cũ",
                            "correct": False,
                            "explanation": "Nạp thêm chỉ làm mất thêm tiền, kẻ gian sẽ đòi tiếp.",
                        },
                        {
                            "text": "Dừng lại, giữ bằng chứng và báo công an",
                            "correct": True,
                            "explanation": "Dừng sớm giúp giảm thiệt hại, bằng chứng giúp công an xử lý.",
                        },
                        {
                            "text": "Vay tiền người quen để nạp",
                            "correct": False,
                            "explanation": "Vay để nạp thêm khiến cả bạn và người quen bị thiệt.",
                        },
                    ],
                },
                {
                    "question": "Lời mời đầu tư nào đáng tin?",
                    "answers": [
                        {
                            "text": "Hứa lãi rất cao, chắc chắn không lỗ",
                            "correct": False,
                            "explanation": "Lãi cao mà không rủi ro là dấu hiệu lừa đảo điển hình.",
                        },
                        {
                            "text": "Người lạ trên mạng gửi link ứng dụng đầu tư",
                            "correct": False,
                            "explanation": "Ứng dụng qua link lạ thường là sàn giả để chiếm tiền.",
                        },
                        {
                            "text": "Không lời mời nào từ người lạ trên mạng nên tin ngay",
                            "correct": True,
                            "explanation": "Luôn hỏi người thân và tìm hiểu kỹ trước khi đưa tiền cho ai.",
                        },
                    ],
                },
            ],
        ),
    ],
}
