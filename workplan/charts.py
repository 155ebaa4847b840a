"""Geometry of the work plan's pictures, drawn as SVG by the templates (no chart library, nothing from a
CDN): a Gantt-like timeline of initiatives by priority area, and summaries by status and by country.
Functions here take already-fetched initiatives and return plain numbers and labels."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils.text import Truncator

from .models import Initiative, WorkPlan
from .selectors import AreaWithInitiatives

# One colour per status: a light tint for the planned span, a full colour for the part reported done.
STATUS_COLOURS = {
    Initiative.Status.PROPOSED: ("#fbe7bd", "#b07400"),
    Initiative.Status.RETURNED: ("#f6d6d3", "#b3261e"),
    Initiative.Status.APPROVED: ("#d6e4f5", "#3d74b3"),
    Initiative.Status.ONGOING: ("#cfe0f3", "#0b4f8a"),
    Initiative.Status.COMPLETED: ("#d3ecd9", "#1e7b3c"),
    Initiative.Status.DROPPED: ("#e3e7ec", "#7a8694"),
}

WIDTH = 1000
CHART_LEFT = 340
CHART_RIGHT = 945
AXIS_HEIGHT = 34
AREA_HEIGHT = 30
ROW_HEIGHT = 26
BAR_HEIGHT = 14
LEGEND_HEIGHT = 44


@dataclass
class LegendItem:
    label: str
    light: str
    strong: str
    x: float = 0


@dataclass
class TimelineRow:
    kind: str  # "area" or "initiative"
    y: float
    label: str
    full_label: str = ""
    url: str = ""
    status: str = ""
    status_label: str = ""
    x: float = 0
    width: float = 0
    done_width: float = 0
    percent: int | None = None
    light: str = ""
    strong: str = ""
    dates: str = ""
    lead: str = ""
    undated: bool = False


@dataclass
class Tick:
    x: float
    label_x: float
    label: str


@dataclass
class Timeline:
    width: int
    height: int
    chart_left: int
    chart_right: int
    axis_height: int
    rows: list[TimelineRow]
    ticks: list[Tick]
    today_x: float | None
    legend: list[LegendItem]
    legend_y: float
    bar_height: int = BAR_HEIGHT
    row_height: int = ROW_HEIGHT

    @property
    def bars_width(self) -> int:
        """The bars' part of the picture (the names are HTML beside it, sticky while it scrolls)."""
        return self.width - self.chart_left


def _scale(start: dt.date, end: dt.date):
    days = max((end - start).days + 1, 1)
    span = CHART_RIGHT - CHART_LEFT

    def x(day: dt.date) -> float:
        day = min(max(day, start), end + dt.timedelta(days=1))
        return round(CHART_LEFT + span * (day - start).days / days, 1)

    return x


def legend(statuses) -> list[LegendItem]:
    items = []
    for status in statuses:
        light, strong = STATUS_COLOURS[status]
        items.append(LegendItem(str(Initiative.Status(status).label), light, strong))
    x = 0.0
    for item in items:
        item.x = x
        x += 34 + 8.5 * len(item.label)
    return items


def timeline(
    *, work_plan: WorkPlan, groups: list[AreaWithInitiatives], today: dt.date, url_for, title_chars: int = 44
) -> Timeline:
    """Rows for each priority area and its initiatives; bars from planned start to planned end within
    the plan's period, filled to the latest percent complete."""
    x = _scale(work_plan.period_start, work_plan.period_end)
    rows: list[TimelineRow] = []
    y = AXIS_HEIGHT
    for group in groups:
        rows.append(TimelineRow("area", y, Truncator(str(group.area)).chars(title_chars + 8)))
        y += AREA_HEIGHT
        for initiative in group.initiatives:
            light, strong = STATUS_COLOURS[initiative.status]
            row = TimelineRow(
                "initiative",
                y,
                Truncator(initiative.title).chars(title_chars),
                full_label=initiative.title,
                url=url_for(initiative),
                status=initiative.status,
                status_label=initiative.get_status_display(),
                light=light,
                strong=strong,
                lead=initiative.lead.name,
                percent=getattr(initiative, "latest_percent", None),
            )
            if initiative.planned_start or initiative.planned_end:
                start = initiative.planned_start or work_plan.period_start
                end = initiative.planned_end or work_plan.period_end
                row.x = x(start)
                row.width = max(x(end + dt.timedelta(days=1)) - row.x, 3)
                row.done_width = round(row.width * (row.percent or 0) / 100, 1)
                row.dates = f"{start:%Y-%m-%d} – {end:%Y-%m-%d}"
            else:
                row.undated = True
                row.x = CHART_LEFT
            rows.append(row)
            y += ROW_HEIGHT
    ticks = []
    for year in range(work_plan.period_start.year, work_plan.period_end.year + 1):
        first = max(dt.date(year, 1, 1), work_plan.period_start)
        last = min(dt.date(year, 12, 31), work_plan.period_end)
        tick_x = x(first)
        ticks.append(Tick(tick_x, round((tick_x + x(last + dt.timedelta(days=1))) / 2, 1), str(year)))
    today_x = x(today) if work_plan.covers(today) else None
    legend_y = y + 16
    statuses = [s for s in STATUS_COLOURS if any(r.status == s for r in rows)] or [Initiative.Status.APPROVED]
    return Timeline(
        width=WIDTH,
        height=int(legend_y + LEGEND_HEIGHT),
        chart_left=CHART_LEFT,
        chart_right=CHART_RIGHT,
        axis_height=AXIS_HEIGHT,
        rows=rows,
        ticks=ticks,
        today_x=today_x,
        legend=legend(statuses),
        legend_y=legend_y,
    )


# --- Summaries -------------------------------------------------------------------------------------

SUMMARY_LABEL_WIDTH = 200
SUMMARY_BAR_MAX = 620
SUMMARY_ROW = 30


@dataclass
class Segment:
    status: str
    status_label: str
    count: int
    x: float
    width: float
    colour: str


@dataclass
class SummaryRow:
    label: str
    y: float
    total: int
    segments: list[Segment] = field(default_factory=list)
    end_x: float = 0


@dataclass
class Summary:
    width: int
    height: int
    label_width: int
    rows: list[SummaryRow]
    legend: list[LegendItem]
    legend_y: float
    statuses: list[tuple[str, str]]


def _bars(rows_data: list[tuple[str, Counter]], statuses: list[str], *, with_legend: bool) -> Summary:
    biggest = max((sum(counts.values()) for _label, counts in rows_data), default=0) or 1
    unit = SUMMARY_BAR_MAX / biggest
    rows = []
    y = 10.0
    for label, counts in rows_data:
        row = SummaryRow(label=label, y=y, total=sum(counts.values()))
        x = float(SUMMARY_LABEL_WIDTH)
        for status in statuses:
            if counts.get(status):
                width = round(counts[status] * unit, 1)
                row.segments.append(
                    Segment(
                        status,
                        str(Initiative.Status(status).label),
                        counts[status],
                        round(x, 1),
                        width,
                        STATUS_COLOURS[status][1],
                    )
                )
                x += width
        row.end_x = round(x, 1)
        rows.append(row)
        y += SUMMARY_ROW
    legend_y = y + 12
    return Summary(
        width=WIDTH,
        height=int(legend_y + LEGEND_HEIGHT if with_legend else y + 6),
        label_width=SUMMARY_LABEL_WIDTH,
        rows=rows,
        legend=legend(statuses) if with_legend else [],
        legend_y=legend_y,
        statuses=[(s, str(Initiative.Status(s).label)) for s in statuses],
    )


def summary_by_status(initiatives: list[Initiative]) -> Summary:
    counts = Counter(initiative.status for initiative in initiatives)
    statuses = [s for s in STATUS_COLOURS if counts.get(s)]
    rows = [(str(Initiative.Status(s).label), Counter({s: counts[s]})) for s in statuses]
    return _bars(rows, statuses, with_legend=False)


def summary_by_country(initiatives: list[Initiative]) -> Summary:
    per_country: dict[str, Counter] = defaultdict(Counter)
    for initiative in initiatives:
        per_country[initiative.lead.name][initiative.status] += 1
    statuses = [s for s in STATUS_COLOURS if any(c.get(s) for c in per_country.values())]
    rows = sorted(per_country.items(), key=lambda item: (-sum(item[1].values()), item[0]))
    return _bars(rows, statuses, with_legend=True)
