LESSON = {
    "topic": "thanh-toan",
    "slug": "tra-tien-dien-nuoc-bang-ung-dung",
    "title": "Trả tiền điện, nước bằng ứng dụng ngân hàng hoặc ví điện tử",
    "summary": "Trả hóa đơn điện, nước ngay tại nhà bằng điện thoại, không cần đợi người đến thu.",
    "difficulty": "de",
    "audience": "Người cao tuổi",
    "minutes": 4,
    "milestone": "cashless_payment",
    "try_url": None,
    "try_label": "",
    "body": [
        (
            "text",
            "Hầu hết ứng dụng ngân hàng và ví điện tử đều có mục thanh toán hóa đơn. "
            "Bạn chỉ cần mã khách hàng in trên hóa đơn điện hoặc nước.",
        ),
        (
            "tip",
            "Tìm mã khách hàng trên hóa đơn cũ hoặc tin nhắn báo tiền điện, nước. "
            "Ghi mã vào sổ để lần sau dùng lại.",
        ),
        (
            "steps",
            [
                {
                    "title": "Mở ứng dụng",
                    "caption": "Mở ứng dụng ngân hàng hoặc ví điện tử và đăng nhập.",
                },
                {
                    "title": "Chọn thanh toán hóa đơn",
                    "caption": "Chọn mục thanh toán hóa đơn.",
                },
                {
                    "title": "Chọn loại hóa đơn",
                    "caption": "Chọn tiền điện hoặc tiền nước.",
                },
                {
                    "title": "Chọn nhà cung cấp",
                    "caption": "Chọn công ty điện lực hoặc công ty cấp nước ở nơi bạn ở.",
                },
                {
                    "title": "Nhập mã khách hàng",
                    "caption": "Nhập mã khách hàng in trên hóa đơn.",
                },
                {
                    "title": "Kiểm tra",
                    "caption": "Xem tên chủ hộ, địa chỉ và số tiền có đúng không.",
                },
                {
                    "title": "Xác nhận",
                    "caption": "Bấm thanh toán và xác nhận bằng vân tay, khuôn mặt hoặc mã OTP.",
                },
                {
                    "title": "Lưu lại",
                    "caption": "Chọn lưu hóa đơn để tháng sau trả nhanh hơn.",
                },
            ],
        ),
        (
            "tip",
            "Nhiều ứng dụng cho đăng ký tự động trích tiền hằng tháng. "
            "Hãy đặt hạn mức để không bị trừ quá số tiền bạn muốn.",
        ),
        (
            "warning",
            "Điện lực không gọi điện dọa cắt điện rồi bắt chuyển tiền vào tài khoản cá nhân "
            "hay bấm vào đường link. Gặp cuộc gọi như vậy, hãy gác máy và hỏi lại tổng đài chính thức.",
        ),
        (
            "quiz",
            [
                {
                    "question": "Để trả tiền điện qua ứng dụng, bạn cần thông tin gì?",
                    "answers": [
                        {
                            "text": "Mã khách hàng trên hóa đơn",
                            "correct": True,
                            "explanation": "Mã khách hàng giúp ứng dụng tìm đúng hóa đơn nhà bạn.",
                        },
                        {
                            "text": "Mật khẩu VNeID",
                            "correct": False,
                            "explanation": "Trả tiền điện không cần và không được nhập mật khẩu VNeID.",
                        },
                        {
                            "text": "Số căn cước của hàng xóm",
                            "correct": False,
                            "explanation": "Bạn chỉ cần mã khách hàng của chính hóa đơn nhà mình.",
                        },
                    ],
                },
                {
                    "question": "Trước khi bấm thanh toán, cần kiểm tra gì?",
                    "answers": [
                        {
                            "text": "Tên chủ hộ, địa chỉ và số tiền",
                            "correct": True,
                            "explanation": "Kiểm tra giúp tránh trả nhầm cho hóa đơn nhà khác.",
                        },
                        {
                            "text": "Giờ trên điện thoại",
                            "correct": False,
                            "explanation": "Giờ trên điện thoại không liên quan đến hóa đơn.",
                        },
                        {
                            "text": "Không cần kiểm tra",
                            "correct": False,
                            "explanation": "Trả nhầm thì rất mất công lấy lại tiền.",
                        },
                    ],
                },
                {
                    "question": "Có người gọi xưng điện lực, dọa cắt điện và bắt chuyển tiền ngay. Bạn làm gì?",
                    "answers": [
                        {
                            "text": "Chuyển ngay để khỏi bị cắt điện",
                            "correct": False,
                            "explanation": "Kẻ lừa đảo hay dọa để bạn vội vàng chuyển tiền.",
                        },
                        {
                            "text": "Gác máy và hỏi lại tổng đài chính thức của điện lực",
                            "correct": True,
                            "explanation": "Tự gọi số chính thức giúp bạn biết thật hay giả.",
                        },
                        {
                            "text": "Bấm vào đường link họ gửi để trả",
                            "correct": False,
                            "explanation": "Đường link lạ có thể là trang giả lấy cắp tài khoản ngân hàng.",
                        },
                    ],
                },
            ],
        ),
    ],
}
