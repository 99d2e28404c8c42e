from qr.models.batches import PosterBatch
from qr.models.links import Placement, ShortLink
from qr.models.pages import ProcedureIndexPage
from qr.models.procedures import OnlineLevel, Procedure, ProcedureLesson, QrSettings
from qr.models.scans import Device, Scan, ScanDay

__all__ = [
    "Device",
    "OnlineLevel",
    "Placement",
    "PosterBatch",
    "Procedure",
    "ProcedureIndexPage",
    "ProcedureLesson",
    "QrSettings",
    "Scan",
    "ScanDay",
    "ShortLink",
]
