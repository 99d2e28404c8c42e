LESSON = {
    "topic": "dich-vu-cong",
    "slug": "nop-ho-so-dang-ky-khai-sinh-truc-tuyen",
    "title": "Nộp hồ sơ đăng ký khai sinh trực tuyến",
    "summary": "Đăng ký khai sinh cho con trên Cổng Dịch vụ công quốc gia mà không phải đến nộp giấy tờ.",
    "difficulty": "kho",
    "audience": "Cha mẹ có con nhỏ",
    "minutes": 8,
    "milestone": "online_submission",
    "try_url": "https://dichvucong.gov.vn",
    "try_label": "Mở Cổng Dịch vụ công quốc gia",
    "body": [
        (
            "text",
            "Cha mẹ cần đăng ký khai sinh cho con trong 60 ngày kể từ ngày sinh. "
            "Bạn có thể nộp trực tuyến, thường kèm luôn đăng ký thường trú và thẻ bảo hiểm y tế cho bé.",
        ),
        (
            "tip",
            "Chuẩn bị: tài khoản VNeID mức 2 đã kích hoạt, giấy chứng sinh của bệnh viện "
            "(chụp ảnh rõ nét), và thông tin của cha mẹ.",
        ),
        (
            "steps",
            [
                {
                    "title": "Đăng nhập",
                    "caption": "Vào dichvucong.gov.vn và đăng nhập bằng VNeID.",
                },
                {
                    "title": "Tìm thủ tục",
                    "caption": "Gõ khai sinh vào ô tìm kiếm.",
                },
                {
                    "title": "Chọn thủ tục",
                    "caption": "Chọn thủ tục đăng ký khai sinh phù hợp, ví dụ nhóm thủ tục liên thông cho trẻ dưới 6 tuổi.",
                },
                {
                    "title": "Chọn nơi nộp",
                    "caption": "Chọn tỉnh, thành phố và phường, xã nơi bạn đăng ký.",
                },
                {
                    "title": "Khai thông tin của bé",
                    "caption": "Nhập họ tên, ngày sinh, giới tính, nơi sinh của bé.",
                },
                {
                    "title": "Khai thông tin cha mẹ",
                    "caption": "Kiểm tra thông tin cha mẹ. Nhiều ô đã được điền sẵn từ VNeID.",
                },
                {
                    "title": "Đính kèm giấy tờ",
                    "caption": "Tải lên ảnh giấy chứng sinh và các giấy tờ trang web yêu cầu.",
                },
                {
                    "title": "Chọn cách nhận kết quả",
                    "caption": "Chọn nhận tại phường hoặc qua bưu điện, nếu trang cho chọn.",
                },
                {
                    "title": "Đọc lại",
                    "caption": "Đọc lại toàn bộ thông tin đã khai.",
                },
                {
                    "title": "Cam đoan",
                    "caption": "Đánh dấu vào ô cam đoan.",
                },
                {
                    "title": "Nộp hồ sơ",
                    "caption": "Bấm nộp hồ sơ.",
                },
                {
                    "title": "Ghi lại mã hồ sơ",
                    "caption": "Ghi hoặc chụp lại mã hồ sơ để tra cứu sau này.",
                },
            ],
        ),
        (
            "warning",
            "Đọc kỹ họ tên và ngày sinh của bé trước khi nộp. Sửa sai sau khi đã cấp giấy khai sinh "
            "sẽ mất nhiều thời gian hơn.",
        ),
        (
            "tip",
            "Cán bộ phường có thể liên hệ qua điện thoại để bổ sung hồ sơ. Hãy để ý tin nhắn "
            "và thông báo trên Cổng Dịch vụ công.",
        ),
        (
            "quiz",
            [
                {
                    "question": "Cha mẹ cần đăng ký khai sinh cho con trong bao lâu?",
                    "answers": [
                        {
                            "text": "Trong 60 ngày kể từ ngày sinh",
                            "correct": True,
                            "explanation": "Luật Hộ tịch quy định thời hạn 60 ngày kể từ ngày sinh.",
                        },
                        {
                            "text": "Khi bé đi học lớp 1",
                            "correct": False,
                            "explanation": "Để quá lâu là trễ hạn; bé cần giấy khai sinh sớm để làm các thủ tục khác.",
                        },
                        {
                            "text": "Không có thời hạn",
                            "correct": False,
                            "explanation": "Pháp luật có quy định thời hạn đăng ký khai sinh.",
                        },
                    ],
                },
                {
                    "question": "Giấy tờ nào quan trọng nhất cần chụp để đính kèm?",
                    "answers": [
                        {
                            "text": "Hóa đơn tiền điện",
                            "correct": False,
                            "explanation": "Hóa đơn tiền điện không dùng cho thủ tục khai sinh.",
                        },
                        {
                            "text": "Giấy chứng sinh của bệnh viện",
                            "correct": True,
                            "explanation": "Giấy chứng sinh xác nhận thông tin về việc sinh của bé.",
                        },
                        {
                            "text": "Sổ tiết kiệm",
                            "correct": False,
                            "explanation": "Sổ tiết kiệm không liên quan và không nên gửi lên mạng.",
                        },
                    ],
                },
                {
                    "question": "Sau khi nộp xong, bạn nên làm gì?",
                    "answers": [
                        {
                            "text": "Ghi lại mã hồ sơ",
                            "correct": True,
                            "explanation": "Mã hồ sơ giúp bạn tra cứu xem hồ sơ đã xử lý đến đâu.",
                        },
                        {
                            "text": "Nộp thêm vài lần cho chắc",
                            "correct": False,
                            "explanation": "Nộp trùng nhiều lần làm chậm việc xử lý hồ sơ.",
                        },
                        {
                            "text": "Xóa tài khoản VNeID",
                            "correct": False,
                            "explanation": "Bạn còn cần tài khoản để theo dõi và nhận kết quả.",
                        },
                    ],
                },
            ],
        ),
    ],
}
