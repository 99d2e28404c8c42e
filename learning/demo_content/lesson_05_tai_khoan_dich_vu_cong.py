LESSON = {
    "topic": "dich-vu-cong",
    "slug": "tai-khoan-dich-vu-cong-bang-vneid",
    "title": "Tạo tài khoản Cổng Dịch vụ công quốc gia bằng VNeID",
    "summary": "Lần đầu đăng nhập dichvucong.gov.vn bằng VNeID là bạn đã có tài khoản dịch vụ công.",
    "difficulty": "de",
    "audience": "Mọi người dân",
    "minutes": 4,
    "milestone": "public_service_account",
    "try_url": "https://dichvucong.gov.vn",
    "try_label": "Mở Cổng Dịch vụ công quốc gia",
    "body": [
        (
            "text",
            "Cổng Dịch vụ công quốc gia có địa chỉ dichvucong.gov.vn. Bạn không cần "
            "đăng ký riêng: chỉ cần đăng nhập bằng tài khoản VNeID.",
        ),
        (
            "tip",
            "Nhiều thủ tục cần tài khoản VNeID mức 2 đã kích hoạt. "
            "Hãy kích hoạt trước khi bắt đầu.",
        ),
        (
            "steps",
            [
                {
                    "title": "Mở trang web",
                    "caption": "Gõ đúng địa chỉ dichvucong.gov.vn vào trình duyệt.",
                },
                {
                    "title": "Bấm Đăng nhập",
                    "caption": "Bấm nút Đăng nhập ở đầu trang.",
                },
                {
                    "title": "Chọn VNeID",
                    "caption": "Chọn đăng nhập bằng tài khoản định danh điện tử (VNeID).",
                },
                {
                    "title": "Nhập tài khoản hoặc quét mã",
                    "caption": "Nhập số định danh và mật khẩu, hoặc dùng ứng dụng VNeID quét mã QR trên màn hình.",
                },
                {
                    "title": "Xác nhận trên VNeID",
                    "caption": "Mở VNeID trên điện thoại và đồng ý cho phép đăng nhập.",
                },
                {
                    "title": "Kiểm tra thông tin",
                    "caption": "Xem họ tên và thông tin hiện ra. Bổ sung thông tin nếu trang yêu cầu.",
                },
            ],
        ),
        (
            "warning",
            "Kiểm tra kỹ địa chỉ trang web phải kết thúc bằng .gov.vn. Trang giả thường có "
            "tên gần giống, thêm chữ hoặc dấu gạch ngang.",
        ),
        (
            "tip",
            "Dùng xong máy tính chung ở nhà văn hóa hay điểm hỗ trợ, nhớ bấm Đăng xuất.",
        ),
        (
            "quiz",
            [
                {
                    "question": "Làm sao để có tài khoản trên dichvucong.gov.vn?",
                    "answers": [
                        {
                            "text": "Đăng nhập bằng tài khoản VNeID",
                            "correct": True,
                            "explanation": "Đăng nhập bằng VNeID lần đầu là đã có tài khoản dịch vụ công.",
                        },
                        {
                            "text": "Mua tài khoản qua mạng",
                            "correct": False,
                            "explanation": "Tài khoản dịch vụ công miễn phí và không ai được bán.",
                        },
                        {
                            "text": "Nhờ người lạ tạo giúp bằng thông tin của bạn",
                            "correct": False,
                            "explanation": "Đưa thông tin cho người lạ có thể bị lợi dụng.",
                        },
                    ],
                },
                {
                    "question": "Địa chỉ nào là Cổng Dịch vụ công quốc gia?",
                    "answers": [
                        {
                            "text": "dichvucong-gov.vn.com",
                            "correct": False,
                            "explanation": "Địa chỉ có gạch ngang và đuôi lạ là dấu hiệu trang giả.",
                        },
                        {
                            "text": "dichvucong.gov.vn",
                            "correct": True,
                            "explanation": "Đây là địa chỉ chính thức, kết thúc bằng .gov.vn.",
                        },
                        {
                            "text": "dichvucong-online.net",
                            "correct": False,
                            "explanation": "Trang của cơ quan nhà nước dùng tên miền .gov.vn.",
                        },
                    ],
                },
                {
                    "question": "Dùng xong máy tính chung, bạn nên làm gì?",
                    "answers": [
                        {
                            "text": "Cứ để nguyên cho người sau",
                            "correct": False,
                            "explanation": "Người sau có thể xem và dùng tài khoản của bạn.",
                        },
                        {
                            "text": "Bấm Đăng xuất",
                            "correct": True,
                            "explanation": "Đăng xuất giúp bảo vệ tài khoản và hồ sơ của bạn.",
                        },
                        {
                            "text": "Ghi mật khẩu lên giấy để cạnh máy",
                            "correct": False,
                            "explanation": "Mật khẩu để lộ thì ai cũng có thể dùng tài khoản của bạn.",
                        },
                    ],
                },
            ],
        ),
    ],
}
