"""Chart geometry for server-drawn SVG (templates stats/includes/*_chart.html).

No script and no style attributes (the public CSP forbids both): shapes carry presentation
attributes and CSS classes. Series are told apart by marker shape and direct labels, never by
colour alone, and every chart has its numbers in a table next to it.
"""

from stats.cells import People, Share, number, percent

WIDTH, HEIGHT = 320, 180
LEFT, RIGHT, TOP, BOTTOM = 40, 304, 14, 148


def _marker(shape: str, x: float, y: float, r: float = 4.0) -> str:
    """An SVG path for a marker: circle, square, triangle or diamond."""
    if shape == "circle":
        return f"M{x - r:.1f},{y:.1f}a{r},{r} 0 1,0 {2 * r},0a{r},{r} 0 1,0 {-2 * r},0Z"
    if shape == "square":
        return f"M{x - r:.1f},{y - r:.1f}h{2 * r}v{2 * r}h{-2 * r}Z"
    if shape == "triangle":
        return f"M{x:.1f},{y - r - 1:.1f}L{x + r + 1:.1f},{y + r:.1f}L{x - r - 1:.1f},{y + r:.1f}Z"
    return f"M{x:.1f},{y - r - 1:.1f}L{x + r + 1:.1f},{y:.1f}L{x:.1f},{y + r + 1:.1f}L{x - r - 1:.1f},{y:.1f}Z"


def _x_positions(count: int) -> list[float]:
    if count == 1:
        return [(LEFT + RIGHT) / 2]
    step = (RIGHT - LEFT) / (count - 1)
    return [LEFT + i * step for i in range(count)]


def _labelled(count: int, room: int = 5) -> set[int]:
    """Indexes that get an axis label: the last one, then every n-th back from it."""
    every = max(1, -(-count // room))
    return {i for i in range(count) if (count - 1 - i) % every == 0}


def line(labels, shares: list[Share], *, marker: str, title: str, target: int | None = None):
    """A share (0–100 %) per month: a line broken where a value is hidden, markers, a target."""
    xs = _x_positions(len(labels))

    def y_of(rate: float) -> float:
        return BOTTOM - (BOTTOM - TOP) * rate

    segments, current, points = [], [], []
    for x, label, share in zip(xs, labels, shares, strict=True):
        if share.rate is None:
            if current:
                segments.append(current)
            current = []
            continue
        y = y_of(share.rate)
        current.append((x, y))
        points.append({"path": _marker(marker, x, y), "title": f"{label}: {share}", "x": x, "y": y})
    if current:
        segments.append(current)
    labelled = _labelled(len(labels))
    visible = [s for s in shares if s.rate is not None]
    last = points[-1] if points else None
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "title": title,
        "description": _describe(labels, shares),
        "grid": [
            {"y": y_of(r / 100), "label": f"{r} %", "x": LEFT - 4} for r in (0, 25, 50, 75, 100)
        ],
        "x_labels": [
            {"x": x, "y": BOTTOM + 18, "text": label}
            for i, (x, label) in enumerate(zip(xs, labels, strict=True))
            if i in labelled
        ],
        "paths": ["M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in segment) for segment in segments],
        "points": points,
        "last": {
            "x": min(last["x"], RIGHT - 26),
            "y": last["y"] - 10 if last["y"] > TOP + 14 else last["y"] + 20,
            "text": str(visible[-1]),
        }
        if last
        else None,
        "target": {
            "y": y_of(target / 100),
            "x1": LEFT,
            "x2": RIGHT,
            "label": f"{target} %",
            "label_x": LEFT + 4,
            "label_y": y_of(target / 100) - 5 if target < 90 else y_of(target / 100) + 14,
        }
        if target is not None
        else None,
    }


def _describe(labels, shares: list[Share]) -> str:
    pairs = [
        (label, share)
        for label, share in zip(labels, shares, strict=True)
        if share.rate is not None
    ]
    if not pairs:
        return "—"
    (first_label, first), (last_label, last) = pairs[0], pairs[-1]
    return f"{first_label}: {first} → {last_label}: {last}"


def bars(labels, values: list[int], *, title: str, description: str):
    """A count per period as vertical bars with their value on top."""
    top = max(values or [0]) or 1
    count = max(len(values), 1)
    slot = (RIGHT - LEFT) / count
    width = max(4.0, slot * 0.7)
    labelled = _labelled(len(labels), room=4)
    items = []
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        height = (BOTTOM - TOP - 14) * value / top
        x = LEFT + i * slot + (slot - width) / 2
        items.append(
            {
                "x": x,
                "y": BOTTOM - height,
                "width": width,
                "height": height,
                "value": number(value),
                "value_x": x + width / 2,
                "value_y": BOTTOM - height - 4,
                "label": label if i in labelled else "",
                "title": f"{label}: {number(value)}",
            }
        )
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "title": title,
        "description": description,
        "bars": items,
        "baseline": BOTTOM,
        "label_y": BOTTOM + 18,
        "left": LEFT,
        "right": RIGHT,
    }


def funnel(steps: list[tuple[str, People]], *, title: str):
    """Steps of a campaign: a bar per step (0–100, relative to the first step) for an HTML table."""
    top = max((p.value for _label, p in steps if not p.hidden), default=0) or 1
    return {
        "title": title,
        "items": [
            {
                "label": label,
                "value": str(people),
                "percent": "" if people.hidden else percent(people.value / top, 0),
                "width": 0 if people.hidden else max(0.5, 100 * people.value / top),
            }
            for label, people in steps
        ],
    }
