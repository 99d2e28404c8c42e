LESSON = {
    "topic": "dich-vu-cong",
    "slug": "tra-cuu-tinh-trang-ho-so",
    "title": "Tra cứu tình trạng hồ sơ trực tuyến",
    "summary": "Xem hồ sơ đã nộp đang được xử lý đến đâu mà không cần đến phường hỏi.",
    "difficulty": "de",
    "audience": "Mọi người dân",
    "minutes": 3,
    "milestone": None,
    "try_url": "https://dichvucong.gov.vn",
    "try_label": "Mở Cổng Dịch vụ công quốc gia",
    "body": [
        (
            "text",
            "Mỗi hồ sơ nộp trực tuyến có một mã hồ sơ. Với mã này, bạn xem được hồ sơ "
            "đang chờ, đang xử lý, cần bổ sung hay đã có kết quả.",
        ),
        (
            "steps",
            [
                {
                    "title": "Mở trang web",
                    "caption": "Vào dichvucong.gov.vn và đăng nhập bằng VNeID.",
                },
                {
                    "title": "Mở danh sách hồ sơ",
                    "caption": "Chọn mục quản lý hồ sơ đã nộp trong trang cá nhân.",
                },
                {
                    "title": "Tìm hồ sơ",
                    "caption": "Tìm hồ sơ theo tên thủ tục hoặc mã hồ sơ.",
                },
                {
                    "title": "Xem trạng thái",
                    "caption": "Đọc trạng thái hiện tại của hồ sơ.",
                },
                {
                    "title": "Xem chi tiết",
                    "caption": "Bấm vào hồ sơ để xem lời nhắn của cán bộ, nếu có.",
                },
            ],
        ),
        (
            "tip",
            "Trang web cũng có mục tra cứu hồ sơ bằng mã, không cần đăng nhập. "
            "Hồ sơ nộp trên cổng dịch vụ công của tỉnh thì tra cứu trên cổng đó.",
        ),
        (
            "tip",
            "Nếu trạng thái là cần bổ sung, hãy đọc kỹ lời nhắn, chuẩn bị giấy tờ còn thiếu "
            "rồi gửi bổ sung theo hướng dẫn.",
        ),
        (
            "warning",
            "Cán bộ không yêu cầu chuyển tiền vào tài khoản cá nhân để làm nhanh hồ sơ. "
            "Gặp yêu cầu như vậy, hãy báo ngay cho phường.",
        ),
        (
            "quiz",
            [
                {
                    "question": "Bạn cần gì để tra cứu một hồ sơ?",
                    "answers": [
                        {
                            "text": "Mã hồ sơ hoặc đăng nhập tài khoản đã nộp",
                            "correct": True,
                            "explanation": "Mã hồ sơ hoặc tài khoản giúp tìm đúng hồ sơ của bạn.",
                        },
                        {
                            "text": "Số tài khoản ngân hàng",
                            "correct": False,
                            "explanation": "Tra cứu hồ sơ không cần thông tin ngân hàng.",
                        },
                        {
                            "text": "Mã OTP của ngân hàng",
                            "correct": False,
                            "explanation": "Mã OTP ngân hàng không bao giờ dùng để tra cứu hồ sơ và không được cho ai biết.",
                        },
                    ],
                },
                {
                    "question": "Trạng thái hồ sơ là cần bổ sung. Bạn làm gì?",
                    "answers": [
                        {
                            "text": "Bỏ qua, hồ sơ sẽ tự xong",
                            "correct": False,
                            "explanation": "Hồ sơ thiếu giấy tờ sẽ không được xử lý tiếp.",
                        },
                        {
                            "text": "Đọc lời nhắn và gửi bổ sung theo hướng dẫn",
                            "correct": True,
                            "explanation": "Bổ sung đúng yêu cầu giúp hồ sơ được xử lý tiếp.",
                        },
                        {
                            "text": "Nộp một hồ sơ mới hoàn toàn",
                            "correct": False,
                            "explanation": "Thường chỉ cần bổ sung vào hồ sơ cũ, nộp mới có thể làm chậm hơn.",
                        },
                    ],
                },
                {
                    "question": "Có người nhắn đòi chuyển tiền để hồ sơ được duyệt nhanh. Đó là gì?",
                    "answers": [
                        {
                            "text": "Phí dịch vụ bình thường",
                            "correct": False,
                            "explanation": "Phí, lệ phí chính thức chỉ nộp qua cổng dịch vụ công hoặc tại nơi tiếp nhận.",
                        },
                        {
                            "text": "Dấu hiệu lừa đảo hoặc sai phạm",
                            "correct": True,
                            "explanation": "Không ai được đòi tiền vào tài khoản cá nhân để làm nhanh hồ sơ.",
                        },
                        {
                            "text": "Cách làm mới của phường",
                            "correct": False,
                            "explanation": "Phường không thu tiền qua tin nhắn hay tài khoản cá nhân.",
                        },
                    ],
                },
            ],
        ),
    ],
}
