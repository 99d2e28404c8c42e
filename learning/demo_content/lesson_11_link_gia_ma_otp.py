LESSON = {
    "topic": "an-toan",
    "slug": "link-gia-tin-nhan-gia-khong-cho-ma-otp",
    "title": "Đường link, tin nhắn giả và nhân viên ngân hàng giả: không bao giờ cho mã OTP",
    "summary": "Nhận biết tin nhắn, đường link và cuộc gọi giả mạo ngân hàng, và giữ kín mã OTP.",
    "difficulty": "vua",
    "audience": "Mọi người dân",
    "minutes": 5,
    "milestone": None,
    "try_url": None,
    "try_label": "",
    "body": [
        (
            "text",
            "Mã OTP là mật khẩu dùng một lần, ngân hàng gửi để bạn xác nhận giao dịch. "
            "Ai có mã OTP là có thể lấy tiền trong tài khoản của bạn.",
        ),
        (
            "text",
            "Kẻ gian gửi tin nhắn giả tên ngân hàng, báo tài khoản bị khóa hoặc được quà, "
            "kèm đường link. Có khi họ gọi điện, xưng là nhân viên ngân hàng, xin mã OTP.",
        ),
        (
            "warning",
            "Ngân hàng không bao giờ hỏi mã OTP, mật khẩu hay yêu cầu bấm link để mở khóa tài khoản. "
            "Không đọc mã OTP cho bất kỳ ai, kể cả người xưng là ngân hàng hay công an.",
        ),
        (
            "steps",
            [
                {
                    "title": "Đọc kỹ tin nhắn",
                    "caption": "Cảnh giác với tin báo khóa tài khoản, trúng thưởng hoặc giục làm gấp.",
                },
                {
                    "title": "Xem đường link",
                    "caption": "Không bấm link lạ. Trang giả thường có tên gần giống tên ngân hàng.",
                },
                {
                    "title": "Không nhập thông tin",
                    "caption": "Không nhập mật khẩu, số thẻ hay mã OTP vào trang mở từ tin nhắn.",
                },
                {
                    "title": "Gác máy",
                    "caption": "Người gọi xin mã OTP thì gác máy ngay.",
                },
                {
                    "title": "Tự gọi ngân hàng",
                    "caption": "Gọi số tổng đài in trên thẻ hoặc trong ứng dụng ngân hàng để hỏi lại.",
                },
                {
                    "title": "Báo cáo",
                    "caption": "Báo cho ngân hàng và công an phường về tin nhắn, số điện thoại lạ.",
                },
            ],
        ),
        (
            "tip",
            "Tin nhắn OTP thật luôn ghi rõ đang xác nhận giao dịch gì. Bạn không làm giao dịch nào "
            "mà vẫn nhận OTP? Có người đang thử lấy tiền của bạn, hãy gọi ngân hàng ngay.",
        ),
        (
            "tip",
            "Đã lỡ cho mã OTP? Gọi ngay tổng đài ngân hàng để khóa tài khoản, rồi báo công an.",
        ),
        (
            "quiz",
            [
                {
                    "question": "Người xưng nhân viên ngân hàng gọi điện xin mã OTP. Bạn làm gì?",
                    "answers": [
                        {
                            "text": "Đọc mã cho họ vì họ là ngân hàng",
                            "correct": False,
                            "explanation": "Ngân hàng thật không bao giờ hỏi mã OTP.",
                        },
                        {
                            "text": "Gác máy và tự gọi tổng đài chính thức",
                            "correct": True,
                            "explanation": "Tự gọi số chính thức giúp bạn biết thật hay giả mà không lộ mã.",
                        },
                        {
                            "text": "Đọc một nửa mã cho an toàn",
                            "correct": False,
                            "explanation": "Không được cho bất kỳ phần nào của mã OTP.",
                        },
                    ],
                },
                {
                    "question": "Tin nhắn báo tài khoản bị khóa, bảo bấm link để mở khóa. Đây là gì?",
                    "answers": [
                        {
                            "text": "Dấu hiệu lừa đảo",
                            "correct": True,
                            "explanation": "Ngân hàng không yêu cầu bấm link trong tin nhắn để mở khóa.",
                        },
                        {
                            "text": "Thông báo thật, cần làm ngay",
                            "correct": False,
                            "explanation": "Giục làm gấp là cách kẻ gian khiến bạn không kịp suy nghĩ.",
                        },
                        {
                            "text": "Quà tặng của ngân hàng",
                            "correct": False,
                            "explanation": "Trang mở từ link giả sẽ lấy mật khẩu và tiền của bạn.",
                        },
                    ],
                },
                {
                    "question": "Ai được biết mã OTP của bạn?",
                    "answers": [
                        {
                            "text": "Nhân viên ngân hàng",
                            "correct": False,
                            "explanation": "Nhân viên ngân hàng không cần và không được hỏi mã OTP.",
                        },
                        {
                            "text": "Người xưng là công an",
                            "correct": False,
                            "explanation": "Công an không bao giờ hỏi mã OTP.",
                        },
                        {
                            "text": "Không ai cả, chỉ mình bạn",
                            "correct": True,
                            "explanation": "Mã OTP chỉ để chính bạn nhập khi tự làm giao dịch.",
                        },
                    ],
                },
            ],
        ),
    ],
}
