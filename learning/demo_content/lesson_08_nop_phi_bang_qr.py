LESSON = {
    "topic": "thanh-toan",
    "slug": "nop-phi-le-phi-tien-phat-truc-tuyen",
    "title": "Nộp phí, lệ phí hoặc tiền phạt trực tuyến bằng mã QR",
    "summary": "Nộp phí, lệ phí hoặc tiền phạt trên Cổng Dịch vụ công bằng ứng dụng ngân hàng hoặc quét mã QR.",
    "difficulty": "vua",
    "audience": "Mọi người dân",
    "minutes": 5,
    "milestone": "cashless_payment",
    "try_url": "https://dichvucong.gov.vn",
    "try_label": "Mở Cổng Dịch vụ công quốc gia",
    "body": [
        (
            "text",
            "Khi thủ tục có phí, lệ phí, hoặc khi bạn có quyết định xử phạt, bạn có thể nộp tiền "
            "ngay trên Cổng Dịch vụ công. Tiền đi thẳng vào tài khoản của cơ quan nhà nước.",
        ),
        (
            "tip",
            "Chuẩn bị: ứng dụng ngân hàng hoặc ví điện tử đã đăng ký, có đủ tiền. "
            "Nộp phạt thì cần số quyết định xử phạt trên giấy bạn nhận.",
        ),
        (
            "steps",
            [
                {
                    "title": "Đăng nhập",
                    "caption": "Vào dichvucong.gov.vn và đăng nhập bằng VNeID.",
                },
                {
                    "title": "Mở mục thanh toán",
                    "caption": "Chọn khoản cần nộp trong hồ sơ của bạn, hoặc chọn mục thanh toán trực tuyến.",
                },
                {
                    "title": "Nhập thông tin",
                    "caption": "Nếu nộp phạt, nhập số quyết định xử phạt theo hướng dẫn.",
                },
                {
                    "title": "Kiểm tra số tiền",
                    "caption": "Xem kỹ tên khoản nộp và số tiền.",
                },
                {
                    "title": "Chọn cách trả",
                    "caption": "Chọn ngân hàng hoặc ví điện tử của bạn, hoặc chọn thanh toán bằng mã QR.",
                },
                {
                    "title": "Quét mã QR",
                    "caption": "Mở ứng dụng ngân hàng, chọn quét mã QR và quét mã trên màn hình.",
                },
                {
                    "title": "Kiểm tra người nhận",
                    "caption": "Xem tên người nhận và số tiền trong ứng dụng ngân hàng.",
                },
                {
                    "title": "Xác nhận",
                    "caption": "Xác nhận bằng vân tay, khuôn mặt hoặc mã OTP do chính bạn nhận.",
                },
                {
                    "title": "Lưu biên lai",
                    "caption": "Chờ thông báo thành công và lưu lại biên lai điện tử.",
                },
            ],
        ),
        (
            "warning",
            "Chỉ nộp tiền trên cổng dịch vụ công hoặc tại nơi tiếp nhận. Không ai được yêu cầu "
            "chuyển tiền phạt vào tài khoản cá nhân qua điện thoại hay tin nhắn.",
        ),
        (
            "tip",
            "Tiền đã trừ mà trang chưa báo thành công? Đừng trả lần hai. Chụp lại màn hình "
            "giao dịch và hỏi bộ phận một cửa của phường.",
        ),
        (
            "quiz",
            [
                {
                    "question": "Nên nộp tiền phạt vi phạm ở đâu?",
                    "answers": [
                        {
                            "text": "Trên cổng dịch vụ công hoặc tại nơi tiếp nhận chính thức",
                            "correct": True,
                            "explanation": "Đây là các kênh chính thức, tiền vào tài khoản của cơ quan nhà nước.",
                        },
                        {
                            "text": "Vào số tài khoản cá nhân người gọi điện đọc cho",
                            "correct": False,
                            "explanation": "Cơ quan nhà nước không thu tiền phạt qua tài khoản cá nhân.",
                        },
                        {
                            "text": "Qua đường link trong tin nhắn lạ",
                            "correct": False,
                            "explanation": "Link trong tin nhắn lạ thường dẫn tới trang giả để lấy tiền.",
                        },
                    ],
                },
                {
                    "question": "Trước khi xác nhận thanh toán, cần kiểm tra gì?",
                    "answers": [
                        {
                            "text": "Màu sắc của ứng dụng",
                            "correct": False,
                            "explanation": "Màu sắc không cho biết giao dịch có đúng hay không.",
                        },
                        {
                            "text": "Tên người nhận và số tiền",
                            "correct": True,
                            "explanation": "Người nhận và số tiền phải đúng với khoản cần nộp.",
                        },
                        {
                            "text": "Không cần kiểm tra gì",
                            "correct": False,
                            "explanation": "Chuyển nhầm thì rất khó lấy lại tiền.",
                        },
                    ],
                },
                {
                    "question": "Tiền đã bị trừ nhưng trang chưa báo thành công. Bạn làm gì?",
                    "answers": [
                        {
                            "text": "Trả thêm lần nữa cho chắc",
                            "correct": False,
                            "explanation": "Trả lần hai có thể làm bạn mất tiền hai lần.",
                        },
                        {
                            "text": "Chụp màn hình giao dịch và hỏi bộ phận một cửa",
                            "correct": True,
                            "explanation": "Cán bộ sẽ kiểm tra giao dịch giúp bạn.",
                        },
                        {
                            "text": "Gọi số điện thoại lạ trên mạng để đòi tiền",
                            "correct": False,
                            "explanation": "Số lạ tự xưng hỗ trợ trên mạng hay là kẻ lừa đảo.",
                        },
                    ],
                },
            ],
        ),
    ],
}
