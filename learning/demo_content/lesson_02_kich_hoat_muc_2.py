LESSON = {
    "topic": "vneid",
    "slug": "kich-hoat-tai-khoan-muc-2",
    "title": "Kích hoạt tài khoản VNeID mức 2",
    "summary": "Tài khoản mức 2 được công an cấp rồi vẫn phải tự kích hoạt trong ứng dụng VNeID mới dùng được.",
    "difficulty": "vua",
    "audience": "Mọi người dân",
    "minutes": 5,
    "milestone": "vneid_level2_activated",
    "try_url": "https://vneid.gov.vn",
    "try_label": "Xem trang VNeID chính thức",
    "body": [
        (
            "text",
            "Tài khoản mức 2 được đăng ký trực tiếp tại công an phường, có lấy vân tay. "
            "Sau khi được duyệt, tài khoản mới chỉ là đã cấp, chưa dùng được.",
        ),
        (
            "text",
            "Bạn cần tự kích hoạt trong ứng dụng VNeID bằng mã kích hoạt gửi qua tin nhắn "
            "đến số điện thoại đã đăng ký. Nhiều người bỏ sót bước này.",
        ),
        (
            "steps",
            [
                {
                    "title": "Chờ tin nhắn",
                    "caption": "Chờ tin nhắn có mã kích hoạt gửi đến số điện thoại đã đăng ký.",
                },
                {
                    "title": "Mở VNeID",
                    "caption": "Mở ứng dụng VNeID trên điện thoại có số điện thoại đó.",
                },
                {
                    "title": "Chọn kích hoạt",
                    "caption": "Chọn mục kích hoạt tài khoản.",
                },
                {
                    "title": "Nhập số định danh",
                    "caption": "Nhập 12 số định danh cá nhân và số điện thoại.",
                },
                {
                    "title": "Nhập mã kích hoạt",
                    "caption": "Nhập mã trong tin nhắn vừa nhận.",
                },
                {
                    "title": "Đặt mật khẩu",
                    "caption": "Đặt mật khẩu mới và ghi nhớ.",
                },
                {
                    "title": "Xác thực khuôn mặt",
                    "caption": "Làm theo hướng dẫn để chụp ảnh khuôn mặt nếu ứng dụng yêu cầu.",
                },
                {
                    "title": "Đặt mã bảo vệ",
                    "caption": "Đặt mã bảo vệ (passcode) gồm 6 số.",
                },
                {
                    "title": "Kiểm tra",
                    "caption": "Đăng nhập lại và xem thông tin tài khoản đã hiện mức 2.",
                },
            ],
        ),
        (
            "warning",
            "Công an không gọi điện để hướng dẫn kích hoạt và không gửi link cài ứng dụng. "
            "Không đọc mã kích hoạt cho bất kỳ ai.",
        ),
        (
            "tip",
            "Tài khoản chỉ dùng trên một điện thoại tại một thời điểm. "
            "Đăng nhập trên điện thoại mới thì phải xác thực, kích hoạt lại trên máy mới.",
        ),
        (
            "tip",
            "Không nhận được tin nhắn, hoặc đã đổi số điện thoại? Hãy mang thẻ căn cước "
            "đến công an phường để được kiểm tra.",
        ),
        (
            "quiz",
            [
                {
                    "question": "Công an phường đã cấp tài khoản mức 2. Bạn cần làm gì tiếp?",
                    "answers": [
                        {
                            "text": "Không cần làm gì, tài khoản đã dùng được",
                            "correct": False,
                            "explanation": "Đã cấp chưa phải đã kích hoạt, nên tài khoản chưa dùng được.",
                        },
                        {
                            "text": "Tự kích hoạt trong ứng dụng VNeID bằng mã gửi qua tin nhắn",
                            "correct": True,
                            "explanation": "Kích hoạt bằng mã gửi đến số điện thoại đã đăng ký là bước bắt buộc.",
                        },
                        {
                            "text": "Chờ công an gọi điện hướng dẫn",
                            "correct": False,
                            "explanation": "Công an không gọi điện hướng dẫn kích hoạt; người gọi như vậy có thể là kẻ gian.",
                        },
                    ],
                },
                {
                    "question": "Mã kích hoạt được gửi đến đâu?",
                    "answers": [
                        {
                            "text": "Đến số điện thoại bạn đã đăng ký",
                            "correct": True,
                            "explanation": "Mã được gửi qua tin nhắn đến số điện thoại đã khai khi đăng ký.",
                        },
                        {
                            "text": "Đến Facebook của bạn",
                            "correct": False,
                            "explanation": "VNeID không gửi mã qua mạng xã hội.",
                        },
                        {
                            "text": "Đến người gọi điện xưng là cán bộ",
                            "correct": False,
                            "explanation": "Mã chỉ dành cho bạn; không ai có quyền hỏi mã này.",
                        },
                    ],
                },
                {
                    "question": "Bạn đăng nhập VNeID trên một điện thoại mới. Điều gì xảy ra?",
                    "answers": [
                        {
                            "text": "Dùng được cùng lúc trên cả hai máy",
                            "correct": False,
                            "explanation": "Tài khoản chỉ hoạt động trên một điện thoại tại một thời điểm.",
                        },
                        {
                            "text": "Phải xác thực, kích hoạt lại trên máy mới",
                            "correct": True,
                            "explanation": "Máy mới cần xác thực lại, và máy cũ sẽ không dùng được nữa.",
                        },
                        {
                            "text": "Tài khoản bị xóa vĩnh viễn",
                            "correct": False,
                            "explanation": "Tài khoản không bị xóa, chỉ chuyển sang dùng trên máy mới.",
                        },
                    ],
                },
            ],
        ),
    ],
}
