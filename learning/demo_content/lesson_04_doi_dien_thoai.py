LESSON = {
    "topic": "vneid",
    "slug": "dang-nhap-vneid-tren-dien-thoai-moi",
    "title": "Đổi điện thoại: đăng nhập VNeID trên máy mới",
    "summary": "Khi đổi điện thoại, bạn cài lại VNeID và xác thực lại để dùng tài khoản trên máy mới.",
    "difficulty": "vua",
    "audience": "Người cao tuổi",
    "minutes": 4,
    "milestone": None,
    "try_url": None,
    "try_label": "",
    "body": [
        (
            "text",
            "Tài khoản VNeID chỉ dùng được trên một điện thoại tại một thời điểm. "
            "Khi bạn đăng nhập trên máy mới, máy cũ sẽ không dùng được nữa.",
        ),
        (
            "tip",
            "Trước khi đổi máy, hãy giữ lại số điện thoại cũ và nhớ mật khẩu VNeID. "
            "Mã xác thực sẽ gửi đến số điện thoại đã đăng ký.",
        ),
        (
            "steps",
            [
                {
                    "title": "Lắp SIM",
                    "caption": "Lắp SIM có số điện thoại đã đăng ký VNeID vào máy mới.",
                },
                {
                    "title": "Cài VNeID",
                    "caption": "Tải VNeID từ CH Play hoặc App Store.",
                },
                {
                    "title": "Mở ứng dụng",
                    "caption": "Mở VNeID và chọn đăng nhập.",
                },
                {
                    "title": "Nhập tài khoản",
                    "caption": "Nhập số định danh cá nhân và mật khẩu.",
                },
                {
                    "title": "Xác nhận đổi thiết bị",
                    "caption": "Ứng dụng báo đăng nhập trên thiết bị mới. Chọn đồng ý.",
                },
                {
                    "title": "Nhập mã OTP",
                    "caption": "Nhập mã gửi qua tin nhắn đến số điện thoại đã đăng ký.",
                },
                {
                    "title": "Xác thực khuôn mặt",
                    "caption": "Chụp ảnh khuôn mặt nếu ứng dụng yêu cầu.",
                },
                {
                    "title": "Đặt mã bảo vệ",
                    "caption": "Đặt mã bảo vệ (passcode) cho máy mới.",
                },
            ],
        ),
        (
            "warning",
            "Không nhờ người lạ đăng nhập VNeID của bạn trên máy của họ. "
            "Tài khoản sẽ chuyển sang máy đó và bạn mất quyền dùng trên máy mình.",
        ),
        (
            "tip",
            "Quên mật khẩu thì dùng mục quên mật khẩu trong ứng dụng. Đã đổi số điện thoại "
            "thì mang thẻ căn cước đến công an phường để cập nhật.",
        ),
        (
            "quiz",
            [
                {
                    "question": "Bạn vừa đăng nhập VNeID trên máy mới. Máy cũ thì sao?",
                    "answers": [
                        {
                            "text": "Vẫn dùng song song bình thường",
                            "correct": False,
                            "explanation": "Tài khoản chỉ dùng trên một máy tại một thời điểm.",
                        },
                        {
                            "text": "Không dùng tài khoản được nữa",
                            "correct": True,
                            "explanation": "Khi máy mới được xác thực, máy cũ bị đăng xuất.",
                        },
                        {
                            "text": "Máy cũ tự khóa vĩnh viễn",
                            "correct": False,
                            "explanation": "Máy cũ vẫn dùng bình thường, chỉ không còn tài khoản VNeID.",
                        },
                    ],
                },
                {
                    "question": "Mã OTP khi đổi máy được gửi đến đâu?",
                    "answers": [
                        {
                            "text": "Số điện thoại đã đăng ký VNeID",
                            "correct": True,
                            "explanation": "Vì vậy cần giữ và dùng đúng số điện thoại đã đăng ký.",
                        },
                        {
                            "text": "Hộp thư của cửa hàng bán điện thoại",
                            "correct": False,
                            "explanation": "Cửa hàng không liên quan đến tài khoản VNeID của bạn.",
                        },
                        {
                            "text": "Số điện thoại của người giúp bạn cài",
                            "correct": False,
                            "explanation": "Mã chỉ gửi đến số của chính bạn.",
                        },
                    ],
                },
                {
                    "question": "Bạn đã đổi sang số điện thoại khác. Nên làm gì?",
                    "answers": [
                        {
                            "text": "Nhờ người trên mạng đổi giúp",
                            "correct": False,
                            "explanation": "Người lạ trên mạng có thể chiếm tài khoản của bạn.",
                        },
                        {
                            "text": "Mang thẻ căn cước đến công an phường để cập nhật",
                            "correct": True,
                            "explanation": "Công an phường sẽ kiểm tra và cập nhật số điện thoại cho bạn.",
                        },
                        {
                            "text": "Đăng ký một tài khoản VNeID mới",
                            "correct": False,
                            "explanation": "Mỗi người chỉ có một tài khoản gắn với số định danh cá nhân.",
                        },
                    ],
                },
            ],
        ),
    ],
}
