LESSON = {
    "topic": "vneid",
    "slug": "cai-dat-vneid-dang-ky-muc-1",
    "title": "Cài ứng dụng VNeID và đăng ký tài khoản mức 1",
    "summary": "Tự cài ứng dụng VNeID chính thức và đăng ký tài khoản định danh điện tử mức 1 ngay trên điện thoại.",
    "difficulty": "de",
    "audience": "Mọi người dân",
    "minutes": 6,
    "milestone": "vneid_level1",
    "try_url": "https://vneid.gov.vn",
    "try_label": "Xem trang VNeID chính thức",
    "body": [
        (
            "text",
            "VNeID là ứng dụng định danh điện tử của Bộ Công an. Từ tháng 7/2024, "
            "tài khoản VNeID là cách đăng nhập để làm thủ tục hành chính trực tuyến.",
        ),
        (
            "text",
            "Bài này là hướng dẫn ngắn của phường. Các khóa học đầy đủ, có chứng nhận, "
            "nằm trên nền tảng quốc gia binhdanhocvuso.gov.vn.",
        ),
        (
            "tip",
            "Chuẩn bị trước: thẻ căn cước (hoặc căn cước công dân gắn chip), "
            "điện thoại thông minh có mạng, và số điện thoại chính chủ đang dùng.",
        ),
        (
            "steps",
            [
                {
                    "title": "Mở kho ứng dụng",
                    "caption": "Mở CH Play (điện thoại Android) hoặc App Store (iPhone).",
                },
                {
                    "title": "Tìm VNeID",
                    "caption": "Gõ chữ VNeID vào ô tìm kiếm.",
                },
                {
                    "title": "Kiểm tra nhà phát triển",
                    "caption": "Chỉ chọn ứng dụng do Bộ Công an phát hành.",
                },
                {
                    "title": "Cài đặt",
                    "caption": "Bấm Cài đặt và chờ tải xong.",
                },
                {
                    "title": "Mở ứng dụng",
                    "caption": "Mở VNeID và chọn mục đăng ký tài khoản.",
                },
                {
                    "title": "Nhập thông tin",
                    "caption": "Nhập số định danh cá nhân (12 số trên thẻ căn cước) và số điện thoại.",
                },
                {
                    "title": "Áp thẻ căn cước",
                    "caption": "Nếu ứng dụng yêu cầu, áp thẻ căn cước vào mặt sau điện thoại và giữ yên.",
                },
                {
                    "title": "Chụp ảnh khuôn mặt",
                    "caption": "Nhìn thẳng vào camera và làm theo hướng dẫn trên màn hình.",
                },
                {
                    "title": "Nhập mã OTP",
                    "caption": "Nhập mã gửi qua tin nhắn đến số điện thoại của bạn.",
                },
                {
                    "title": "Đặt mật khẩu",
                    "caption": "Đặt mật khẩu. Ghi nhớ, không cho ai biết.",
                },
                {
                    "title": "Đặt mã bảo vệ",
                    "caption": "Đặt mã bảo vệ (passcode) gồm 6 số.",
                },
            ],
        ),
        (
            "warning",
            "Chỉ tải VNeID từ CH Play hoặc App Store. Không cài ứng dụng từ đường link "
            "người lạ gửi qua tin nhắn, Zalo hay Facebook.",
        ),
        (
            "tip",
            "Điện thoại không đọc được thẻ hoặc bạn gặp khó? Hãy đến công an phường "
            "hoặc nhờ tổ công nghệ số cộng đồng hỗ trợ.",
        ),
        (
            "quiz",
            [
                {
                    "question": "Nên tải ứng dụng VNeID ở đâu?",
                    "answers": [
                        {
                            "text": "Từ CH Play hoặc App Store",
                            "correct": True,
                            "explanation": "Đây là kho ứng dụng chính thức, có ứng dụng do Bộ Công an phát hành.",
                        },
                        {
                            "text": "Từ đường link người lạ gửi qua Zalo",
                            "correct": False,
                            "explanation": "Đường link lạ có thể cài ứng dụng giả để lấy cắp thông tin và tiền.",
                        },
                        {
                            "text": "Từ bất kỳ trang web nào có chữ VNeID",
                            "correct": False,
                            "explanation": "Kẻ gian hay làm trang web giả có tên giống thật.",
                        },
                    ],
                },
                {
                    "question": "Khi đăng ký, số định danh cá nhân là gì?",
                    "answers": [
                        {
                            "text": "Số điện thoại của bạn",
                            "correct": False,
                            "explanation": "Số điện thoại được nhập riêng, không phải số định danh.",
                        },
                        {
                            "text": "Dãy 12 số trên thẻ căn cước",
                            "correct": True,
                            "explanation": "Số định danh cá nhân chính là 12 số in trên thẻ căn cước của bạn.",
                        },
                        {
                            "text": "Số tài khoản ngân hàng",
                            "correct": False,
                            "explanation": "VNeID không bao giờ cần số tài khoản ngân hàng để đăng ký.",
                        },
                    ],
                },
                {
                    "question": "Ai được biết mật khẩu và mã bảo vệ VNeID của bạn?",
                    "answers": [
                        {
                            "text": "Người gọi điện xưng là công an",
                            "correct": False,
                            "explanation": "Công an không bao giờ hỏi mật khẩu qua điện thoại.",
                        },
                        {
                            "text": "Chỉ mình bạn",
                            "correct": True,
                            "explanation": "Ai có mật khẩu là có thể dùng tài khoản của bạn, nên phải giữ kín.",
                        },
                        {
                            "text": "Bất kỳ ai hỏi giúp bạn cài đặt",
                            "correct": False,
                            "explanation": "Người giúp chỉ hướng dẫn; bạn tự nhập mật khẩu của mình.",
                        },
                    ],
                },
            ],
        ),
    ],
}
