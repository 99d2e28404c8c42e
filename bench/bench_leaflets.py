"""A leaflet batch of 500 unique QR codes in one PDF, each decodable to its own tracked link.

Budget: ≤ 15 s for the PDF. Run: ``bench/run leaflets``. On a migrated demo site (SQLite), the
demo ward gets 500 areas and staff's service creates one leaflet outreach over all of them (a
code per area); `leaflet_pdf` is timed as the admin's download view calls it. Then every page
is rasterised at 150 dpi and its QR decoded (tests/qr/pdf_helpers, as the tests read a PDF);
the check is one code per page, 500 distinct links, exactly the outreach's tracked links.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.lib import manage, prepared_site, report  # noqa: E402

AREAS = 500
BUDGET_SECONDS = 15.0

SCRIPT = """
import resource, time
from campaigns.models import Outreach
from campaigns.offline import codes
from campaigns.offline.leaflets import leaflet_pdf
from campaigns.offline.services import outreach_create
from tests.qr.pdf_helpers import decode_pages
from wards.models import Area, Milestone, Ward

ward = Ward.objects.get(slug="hoa-an")
areas = Area.objects.bulk_create(
    [Area(ward=ward, code=f"to-{{n:03d}}", name=f"Tổ dân phố {{n}}") for n in range(1, {areas} + 1)]
)
outreach = outreach_create(
    ward=ward, by=None, kind=Outreach.Kind.LEAFLET, areas=areas, printed=300,
    name="Tờ rơi kích hoạt VNeID tháng 12", goal=Milestone.VNEID_LEVEL2_ACTIVATED,
    text="Kích hoạt tài khoản định danh điện tử mức 2 ngay trên điện thoại",
    paper=Outreach.Paper.A5,
)
started, cpu = time.perf_counter(), time.process_time()
pdf = leaflet_pdf(Outreach.objects.get(pk=outreach.pk))
seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
started = time.perf_counter()
pages = decode_pages(pdf)
decode_seconds = time.perf_counter() - started
expected = {{codes.url_of(code, ward) for code in outreach.codes.all()}}
decoded = [found[0].text for found in pages if len(found) == 1]
tracked = len(set(decoded) & expected) if len(decoded) == len(set(decoded)) else 0
print("LEAFLETS", len(pages), len(expected), len(decoded), len(set(decoded)), tracked,
      f"{{seconds:.2f}}", f"{{cpu:.2f}}", rss, len(pdf), f"{{decode_seconds:.2f}}")
"""


def main() -> int:
    with prepared_site() as env:
        out = manage("shell", "-c", SCRIPT.format(areas=AREAS), env=env)
    line = next(line for line in out.splitlines() if line.startswith("LEAFLETS "))
    fields = line.split()[1:]
    pages, codes, decoded, distinct, tracked = map(int, fields[:5])
    seconds, cpu, rss_mb, size, decode_seconds = (
        float(fields[5]),
        float(fields[6]),
        int(fields[7]),
        int(fields[8]),
        float(fields[9]),
    )
    print(
        f"    {pages} pages, {codes} tracked codes; one QR decoded on {decoded} pages, "
        f"{distinct} distinct, {tracked} of them the outreach's tracked links"
    )
    ok = report(
        f"leaflets.a5_{AREAS}_codes_render_seconds",
        seconds,
        "s",
        "<= 15",
        seconds <= BUDGET_SECONDS,
    )
    ok &= report(
        f"leaflets.a5_{AREAS}_codes_decoded_tracked",
        tracked,
        "codes",
        f"= {AREAS}",
        tracked == AREAS == pages,
    )
    print(f"{'leaflets.render_cpu_seconds':<48} {cpu:>10.1f} s")
    print(f"{'leaflets.peak_rss_mb (render and decode)':<48} {rss_mb:>10.1f} MB")
    print(f"{'leaflets.pdf_kb_per_page':<48} {size / pages / 1024:>10.1f} KB")
    print(f"{'leaflets.decode_all_pages_seconds (150 dpi)':<48} {decode_seconds:>10.1f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
