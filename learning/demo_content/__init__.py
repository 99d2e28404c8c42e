"""Demo content for the short local how-to lessons (data only, no Django imports)."""

from . import (
    lesson_01_cai_dat_vneid,
    lesson_02_kich_hoat_muc_2,
    lesson_03_tich_hop_giay_to,
    lesson_04_doi_dien_thoai,
    lesson_05_tai_khoan_dich_vu_cong,
    lesson_06_nop_ho_so_khai_sinh,
    lesson_07_tra_cuu_ho_so,
    lesson_08_nop_phi_bang_qr,
    lesson_09_tra_tien_dien_nuoc,
    lesson_10_gia_danh_cong_an,
    lesson_11_link_gia_ma_otp,
    lesson_12_lua_dao_dau_tu_viec_lam,
)
from .topics import TOPICS

LESSONS = [
    module.LESSON
    for module in (
        lesson_01_cai_dat_vneid,
        lesson_02_kich_hoat_muc_2,
        lesson_03_tich_hop_giay_to,
        lesson_04_doi_dien_thoai,
        lesson_05_tai_khoan_dich_vu_cong,
        lesson_06_nop_ho_so_khai_sinh,
        lesson_07_tra_cuu_ho_so,
        lesson_08_nop_phi_bang_qr,
        lesson_09_tra_tien_dien_nuoc,
        lesson_10_gia_danh_cong_an,
        lesson_11_link_gia_ma_otp,
        lesson_12_lua_dao_dau_tu_viec_lam,
    )
]

__all__ = ["LESSONS", "TOPICS"]
