LESSON = {
    "topic": "vneid",
    "slug": "tich-hop-giay-to-vao-vneid",
    "title": "Tích hợp giấy phép lái xe và thẻ bảo hiểm y tế vào VNeID",
    "summary": "Đưa giấy phép lái xe và thẻ bảo hiểm y tế vào ví giấy tờ của VNeID để xuất trình bằng điện thoại.",
    "difficulty": "vua",
    "audience": "Mọi người dân",
    "minutes": 5,
    "milestone": None,
    "try_url": None,
    "try_label": "",
    "body": [
        (
            "text",
            "Với tài khoản VNeID mức 2 đã kích hoạt, bạn có thể tích hợp giấy tờ như giấy phép "
            "lái xe và thẻ bảo hiểm y tế. Khi cần, bạn mở ứng dụng để xuất trình.",
        ),
        (
            "tip",
            "Có thể một số giấy tờ đã tự hiện sẵn trong ví giấy tờ. Hãy xem trước, "
            "nếu đã có thì không cần làm lại.",
        ),
        (
            "steps",
            [
                {
                    "title": "Đăng nhập",
                    "caption": "Mở VNeID và đăng nhập tài khoản mức 2.",
                },
                {
                    "title": "Mở ví giấy tờ",
                    "caption": "Chọn mục ví giấy tờ.",
                },
                {
                    "title": "Chọn tích hợp",
                    "caption": "Chọn mục tích hợp thông tin.",
                },
                {
                    "title": "Tạo yêu cầu mới",
                    "caption": "Bấm tạo yêu cầu mới.",
                },
                {
                    "title": "Chọn loại giấy tờ",
                    "caption": "Chọn giấy phép lái xe hoặc thẻ bảo hiểm y tế.",
                },
                {
                    "title": "Nhập số giấy tờ",
                    "caption": "Nhập số giấy phép lái xe hoặc mã số bảo hiểm y tế, đúng như trên thẻ.",
                },
                {
                    "title": "Kiểm tra lại",
                    "caption": "Đọc lại số giấy tờ vừa nhập.",
                },
                {
                    "title": "Xác nhận",
                    "caption": "Đánh dấu vào ô xác nhận thông tin.",
                },
                {
                    "title": "Gửi yêu cầu",
                    "caption": "Bấm gửi yêu cầu.",
                },
                {
                    "title": "Chờ duyệt",
                    "caption": "Chờ hệ thống đối chiếu. Khi xong, giấy tờ sẽ hiện trong ví giấy tờ.",
                },
            ],
        ),
        (
            "warning",
            "Chỉ xuất trình giấy tờ cho người có thẩm quyền. Không chụp màn hình ví giấy tờ "
            "gửi cho người lạ trên mạng.",
        ),
        (
            "tip",
            "Yêu cầu bị từ chối? Thường do thông tin trên giấy tờ chưa khớp. Hãy mang giấy tờ "
            "gốc đến nơi cấp hoặc công an phường để được hướng dẫn.",
        ),
        (
            "quiz",
            [
                {
                    "question": "Cần tài khoản VNeID nào để tích hợp giấy tờ?",
                    "answers": [
                        {
                            "text": "Tài khoản mức 2 đã kích hoạt",
                            "correct": True,
                            "explanation": "Tích hợp giấy tờ cần tài khoản mức 2 đã kích hoạt.",
                        },
                        {
                            "text": "Không cần tài khoản",
                            "correct": False,
                            "explanation": "Phải đăng nhập VNeID mới có ví giấy tờ.",
                        },
                        {
                            "text": "Tài khoản Facebook",
                            "correct": False,
                            "explanation": "VNeID không liên quan đến tài khoản mạng xã hội.",
                        },
                    ],
                },
                {
                    "question": "Trước khi tạo yêu cầu mới, nên làm gì?",
                    "answers": [
                        {
                            "text": "Xem ví giấy tờ, vì giấy tờ có thể đã hiện sẵn",
                            "correct": True,
                            "explanation": "Nếu giấy tờ đã có thì không cần tích hợp lại.",
                        },
                        {
                            "text": "Gọi điện cho người lạ nhờ làm giúp",
                            "correct": False,
                            "explanation": "Nhờ người lạ có thể làm lộ thông tin cá nhân.",
                        },
                        {
                            "text": "Xóa ứng dụng rồi cài lại",
                            "correct": False,
                            "explanation": "Cài lại không giúp gì và bạn sẽ phải đăng nhập lại.",
                        },
                    ],
                },
                {
                    "question": "Ai có thể xem ví giấy tờ trong VNeID của bạn?",
                    "answers": [
                        {
                            "text": "Bất kỳ ai nhắn tin xin ảnh chụp màn hình",
                            "correct": False,
                            "explanation": "Gửi ảnh giấy tờ cho người lạ dễ bị lợi dụng để lừa đảo.",
                        },
                        {
                            "text": "Người có thẩm quyền khi bạn xuất trình",
                            "correct": True,
                            "explanation": "Bạn chỉ xuất trình khi làm thủ tục hoặc khi người có thẩm quyền yêu cầu.",
                        },
                        {
                            "text": "Mọi người trong nhóm Zalo",
                            "correct": False,
                            "explanation": "Giấy tờ cá nhân không chia sẻ lên nhóm chat.",
                        },
                    ],
                },
            ],
        ),
    ],
}
