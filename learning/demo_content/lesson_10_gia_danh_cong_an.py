LESSON = {
    "topic": "an-toan",
    "slug": "nhan-biet-cuoc-goi-gia-danh-cong-an",
    "title": "Nhận biết cuộc gọi giả danh công an đòi cập nhật VNeID mức 2",
    "summary": "Công an không gọi điện bắt bạn cập nhật VNeID hay cài ứng dụng, ai làm vậy là kẻ lừa đảo.",
    "difficulty": "de",
    "audience": "Người cao tuổi",
    "minutes": 4,
    "milestone": None,
    "try_url": None,
    "try_label": "",
    "body": [
        (
            "text",
            "Kẻ gian gọi điện, xưng là công an, nói tài khoản VNeID của bạn cần cập nhật lên mức 2 "
            "hoặc sắp bị khóa. Rồi họ gửi đường link bảo bạn cài một ứng dụng.",
        ),
        (
            "text",
            "Ứng dụng đó là ứng dụng giả. Khi cài, kẻ gian có thể điều khiển điện thoại, "
            "đọc tin nhắn có mã OTP và rút tiền trong tài khoản ngân hàng của bạn.",
        ),
        (
            "warning",
            "Công an không làm việc qua điện thoại để cập nhật VNeID, không gửi link cài ứng dụng, "
            "không hỏi mật khẩu hay mã OTP. Mức 2 chỉ đăng ký trực tiếp tại công an phường.",
        ),
        (
            "steps",
            [
                {
                    "title": "Giữ bình tĩnh",
                    "caption": "Đừng làm theo ngay dù người gọi nói gấp hay dọa nạt.",
                },
                {
                    "title": "Không bấm link",
                    "caption": "Không bấm vào đường link trong tin nhắn hay Zalo họ gửi.",
                },
                {
                    "title": "Không cài ứng dụng",
                    "caption": "Không cài bất kỳ ứng dụng nào theo lời người gọi.",
                },
                {
                    "title": "Gác máy",
                    "caption": "Gác máy ngay. Muốn hỏi thì tự đến công an phường.",
                },
                {
                    "title": "Tự kiểm tra",
                    "caption": "Mở VNeID tải từ CH Play hoặc App Store để xem tài khoản của bạn.",
                },
                {
                    "title": "Báo cho công an",
                    "caption": "Báo số điện thoại lạ cho công an phường hoặc gọi 113.",
                },
            ],
        ),
        (
            "tip",
            "Lỡ cài ứng dụng lạ? Bật chế độ máy bay hoặc tắt mạng ngay, gọi ngân hàng để khóa "
            "tài khoản, rồi mang điện thoại đến công an phường.",
        ),
        (
            "tip",
            "Hãy kể chuyện này cho cha mẹ, ông bà. Người cao tuổi là đối tượng kẻ gian nhắm tới nhiều nhất.",
        ),
        (
            "quiz",
            [
                {
                    "question": "Người xưng công an gọi, bảo cài ứng dụng để cập nhật VNeID mức 2. Đây là gì?",
                    "answers": [
                        {
                            "text": "Việc bình thường, nên làm theo",
                            "correct": False,
                            "explanation": "Công an không hướng dẫn cài ứng dụng qua điện thoại.",
                        },
                        {
                            "text": "Lừa đảo",
                            "correct": True,
                            "explanation": "Đây là cách lừa phổ biến để cài ứng dụng giả và lấy tiền.",
                        },
                        {
                            "text": "Chương trình mới của phường",
                            "correct": False,
                            "explanation": "Phường không triển khai VNeID qua cuộc gọi và đường link.",
                        },
                    ],
                },
                {
                    "question": "Tài khoản VNeID mức 2 được đăng ký ở đâu?",
                    "answers": [
                        {
                            "text": "Qua đường link gửi trong Zalo",
                            "correct": False,
                            "explanation": "Không có đăng ký mức 2 qua đường link.",
                        },
                        {
                            "text": "Trực tiếp tại công an phường",
                            "correct": True,
                            "explanation": "Mức 2 cần lấy vân tay nên phải đến công an phường.",
                        },
                        {
                            "text": "Qua cuộc gọi điện thoại",
                            "correct": False,
                            "explanation": "Công an không đăng ký VNeID qua điện thoại.",
                        },
                    ],
                },
                {
                    "question": "Lỡ cài ứng dụng lạ theo lời người gọi, việc đầu tiên là gì?",
                    "answers": [
                        {
                            "text": "Tắt mạng, gọi ngân hàng khóa tài khoản",
                            "correct": True,
                            "explanation": "Cắt mạng và khóa tài khoản nhanh giúp giữ lại tiền.",
                        },
                        {
                            "text": "Gọi lại cho người đó nhờ gỡ giúp",
                            "correct": False,
                            "explanation": "Kẻ gian sẽ tiếp tục lừa bạn làm thêm bước khác.",
                        },
                        {
                            "text": "Chờ xem có chuyện gì không",
                            "correct": False,
                            "explanation": "Chờ đợi cho kẻ gian thời gian rút tiền.",
                        },
                    ],
                },
            ],
        ),
    ],
}
