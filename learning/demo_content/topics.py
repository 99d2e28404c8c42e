"""Demo topics for the short how-to lessons of "Bình dân học vụ số"."""

TOPICS = [
    {
        "slug": "vneid",
        "title": "VNeID — định danh điện tử",
        "intro": "Cài ứng dụng VNeID, đăng ký và kích hoạt tài khoản định danh điện tử. "
        "Đây là chìa khóa để làm thủ tục trực tuyến.",
    },
    {
        "slug": "dich-vu-cong",
        "title": "Dịch vụ công trực tuyến",
        "intro": "Nộp hồ sơ và theo dõi kết quả trên Cổng Dịch vụ công quốc gia "
        "mà không phải xếp hàng.",
    },
    {
        "slug": "thanh-toan",
        "title": "Thanh toán không dùng tiền mặt",
        "intro": "Nộp phí, lệ phí và trả tiền điện, nước bằng ứng dụng ngân hàng hoặc ví điện tử.",
    },
    {
        "slug": "an-toan",
        "title": "An toàn trên mạng",
        "intro": "Nhận biết cuộc gọi, tin nhắn và đường link lừa đảo. "
        "Giữ an toàn cho tài khoản và tiền của gia đình.",
    },
]
