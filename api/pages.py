"""The home page at `/`, for people who do not write GraphQL.

    GET /?q=early+help            full-text search (the `entity_text` index), with links into the views
    GET /?council=Haringey        a council's inspections, plans, meetings and actions in date order
    GET /?themes=year|council     the recurring themes as a chart: inspections per theme and year,
                                  or per theme and council

Everything is drawn on the server, the chart as plain SVG with the same figures as a
table, so the page works without JavaScript and with a screen reader. It links to the
embeddable views (`/embed/...`), GraphiQL (`/graphql`) and the Neo4j Browser.

`pages_router(settings)` builds the router; the app includes it with
`app.include_router(pages_router(settings))`.
"""

from __future__ import annotations

import asyncio
import html
import math
from collections import defaultdict
from collections.abc import Awaitable, Mapping, Sequence
from dataclasses import dataclass
from string import Template
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.embed import ASSETS_PATH, STATIC_DIR, browser_link, page_policy
from api.settings import Settings
from graph.repository import Filters, GraphRepository, SearchMode, TimelineEvent
from graph.views import (
    CouncilRef,
    GraphViews,
    ThemeCount,
    browser_neighbourhood_cypher,
    describe,
    display_label,
)
from schema.errors import DatabaseUnavailableError, NotFoundError, QueryError
from schema.graphdoc import label_of_uid
from schema.vocabulary import FULLTEXT_LABELS, Label

SEARCH_RESULTS = 25
CHART_THEMES = 12
CHART_COUNCILS = 20
# Kinds found by search: every searchable kind but documents, which the views draw as quotes.
SEARCH_KINDS: tuple[Label, ...] = tuple(label for label in FULLTEXT_LABELS if label is not Label.DOCUMENT)
# Kinds whose recurrence has a view of its own.
_CLUSTERED = (Label.THEME, Label.RECOMMENDATION, Label.FINDING)
# A sequential blue scale for the chart's cells, light to dark; white text from the fourth step.
_SCALE = ("#d2e2f1", "#a5c5e3", "#6f9fd0", "#3c78b9", "#1d4f91")
_EMPTY_CELL = "#f3f2f1"


def _embed_href(kind: str, uid: str) -> str:
    return f"/embed/{kind}/{quote(uid, safe=':/')}"


def _links(settings: Settings, uid: str) -> str:
    """Links from an entity into the views and the Browser."""
    links = [f'<a href="{html.escape(_embed_href("neighbourhood", uid))}">Relationships</a>']
    if label_of_uid(uid) in _CLUSTERED:
        links.append(f'<a href="{html.escape(_embed_href("cluster", uid))}">Recurrence</a>')
    browser = browser_link(settings, browser_neighbourhood_cypher(uid, 1, 50))
    links.append(f'<a href="{html.escape(browser)}" target="_blank" rel="noopener">Neo4j Browser</a>')
    return '<span class="links">' + "".join(links) + "</span>"


# ---------------------------------------------------------------------------- search and timeline


def render_search(
    settings: Settings, text: str, hits: Sequence[tuple[str, Sequence[str], Mapping[str, Any]]]
) -> str:
    """The search results as a list; `hits` are (uid, labels, properties), best first."""
    if not text:
        return ""
    if not hits:
        return f'<p role="status">Nothing matches “{html.escape(text)}”.</p>'
    items = []
    for uid, labels, props in hits:
        items.append(
            "<li>"
            f'<span class="badge">{html.escape(display_label(labels, uid))}</span>'
            f"{html.escape(describe(labels, props, uid))}<br>"
            f"<code>{html.escape(uid)}</code> {_links(settings, uid)}"
            "</li>"
        )
    count = f"{len(hits)} best match{'' if len(hits) == 1 else 'es'}"
    return f'<p role="status">{count} for “{html.escape(text)}”.</p><ol class="results">{"".join(items)}</ol>'


_EVENT_NAMES = {
    "inspection": "Inspection",
    "action_plan": "Action plan",
    "meeting": "Meeting",
    "action": "Action",
}


def _event_detail(event: TimelineEvent) -> str:
    props = event.node.props
    text = describe(event.node.labels, props, event.node.uid)
    extra = [
        f"{name}: {props[key]}" for key, name in (("status", "status"), ("due_date", "due")) if props.get(key)
    ]
    if event.kind == "action" and extra:
        text += " (" + ", ".join(extra) + ")"
    return html.escape(text)


def render_timeline(settings: Settings, council: str, events: Sequence[TimelineEvent]) -> str:
    """A council's timeline as a table, oldest first, undated things last."""
    if not events:
        return f"<p>The graph holds no inspections, plans, meetings or actions of {html.escape(council)}.</p>"
    rows = []
    for event in events:
        rows.append(
            "<tr>"
            f'<td class="nowrap">{html.escape(event.date or event.sort_date or "undated")}</td>'
            f"<td>{html.escape(_EVENT_NAMES.get(event.kind, event.kind))}</td>"
            f"<td>{_event_detail(event)}</td>"
            f"<td>{_links(settings, event.node.uid)}</td>"
            "</tr>"
        )
    return (
        f"<table><caption>{html.escape(council)}: {len(events)} events in date order</caption>"
        '<thead><tr><th scope="col">Date</th><th scope="col">What</th><th scope="col">Details</th>'
        '<th scope="col">See</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


# ---------------------------------------------------------------------------- the chart


@dataclass(frozen=True)
class ThemeTable:
    """The chart's figures: themes (rows) by years or councils (columns)."""

    themes: tuple[tuple[str, str], ...]  # (name, uid), most inspections first
    columns: tuple[str, ...]
    counts: Mapping[tuple[str, str], int]  # (theme uid, column) -> inspections
    totals: Mapping[str, int]  # theme uid -> inspections in the columns shown

    @property
    def largest(self) -> int:
        """The largest count of a cell."""
        return max(self.counts.values(), default=0)


def theme_table(counts: Sequence[ThemeCount], by: str) -> ThemeTable:
    """The most recurrent themes, and the years (all) or councils (the busiest) to show them by."""
    per_column: dict[str, int] = defaultdict(int)
    per_theme: dict[str, int] = defaultdict(int)
    names: dict[str, str] = {}
    for c in counts:
        per_column[c.column] += c.inspections
        per_theme[c.theme_uid] += c.inspections
        names[c.theme_uid] = c.theme
    if by == "year":
        years = sorted(int(col) for col in per_column if col.isdigit())
        # every year of the span, so that a year without any stands out as a gap
        columns = [str(y) for y in range(years[0], years[-1] + 1)] if years else []
    else:
        busiest = sorted(per_column, key=lambda col: (-per_column[col], col))[:CHART_COUNCILS]
        columns = sorted(busiest)
    shown = set(columns)
    cells = {(c.theme_uid, c.column): c.inspections for c in counts if c.column in shown}
    totals: dict[str, int] = defaultdict(int)
    for (theme, _), n in cells.items():
        totals[theme] += n
    themes = sorted((uid for uid in per_theme if totals.get(uid)), key=lambda uid: (-totals[uid], names[uid]))
    top = tuple((names[uid], uid) for uid in themes[:CHART_THEMES])
    return ThemeTable(top, tuple(columns), cells, dict(totals))


def _cell_colour(count: int, largest: int) -> tuple[str, str]:
    """The cell's fill and its text's colour."""
    if count <= 0 or largest <= 0:
        return _EMPTY_CELL, "#0b0c0c"
    step = min(len(_SCALE) - 1, math.ceil(count / largest * len(_SCALE)) - 1)
    return _SCALE[step], "#ffffff" if step >= 3 else "#0b0c0c"


def render_chart(table: ThemeTable, by: str) -> str:
    """The themes as an SVG heat map (one row per theme, one column per year or council), with a
    bar of each theme's total, followed by the same figures as a table."""
    if not table.themes:
        return "<p>No themes yet: ingest inspection reports to see which ones recur.</p>"
    # wide enough for the longest theme name at the axis font (about 7 px a character)
    label_width = max(120, 7 * max(len(name) for name, _ in table.themes) + 16)
    cell_width, cell_height, bar_width = 36 if by == "year" else 30, 24, 130
    header = 36 if by == "year" else 130
    width = label_width + cell_width * len(table.columns) + bar_width + 20
    height = header + cell_height * len(table.themes) + 10
    largest = table.largest
    top_total = max(table.totals.values(), default=1)
    by_text = "year" if by == "year" else "council"
    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="chart-title chart-desc">',
        f'<title id="chart-title">Inspections raising each theme, by {by_text}</title>',
        f'<desc id="chart-desc">A grid with one row per theme and one column per {by_text}; each cell '
        "counts the inspections whose recommendations or findings were about the theme. The table "
        "after the chart gives the same figures.</desc>",
    ]
    for i, column in enumerate(table.columns):
        x = label_width + i * cell_width + cell_width / 2
        if by == "year":
            parts.append(
                f'<text class="axis" x="{x:.0f}" y="{header - 10}" text-anchor="middle">{html.escape(column)}</text>'
            )
        else:
            parts.append(
                f'<text class="axis" x="{x:.0f}" y="{header - 8}" text-anchor="start" '
                f'transform="rotate(-55 {x:.0f} {header - 8})">{html.escape(column)}</text>'
            )
    parts.append(
        f'<text class="axis" x="{label_width + cell_width * len(table.columns) + 8}" y="{header - 10}">'
        "inspections in all</text>"
    )
    for row, (name, uid) in enumerate(table.themes):
        y = header + row * cell_height
        parts.append(
            f'<a href="{html.escape(_embed_href("cluster", uid))}">'
            f'<text class="axis" x="{label_width - 8}" y="{y + cell_height * 0.68:.0f}" text-anchor="end">'
            f"{html.escape(name)}</text></a>"
        )
        for i, column in enumerate(table.columns):
            count = table.counts.get((uid, column), 0)
            fill, ink = _cell_colour(count, largest)
            x = label_width + i * cell_width
            plural = "" if count == 1 else "s"
            parts.append(
                f'<rect x="{x + 1}" y="{y + 1}" width="{cell_width - 2}" height="{cell_height - 2}" '
                f'fill="{fill}"><title>{html.escape(name)}, {html.escape(column)}: '
                f"{count} inspection{plural}</title></rect>"
            )
            if count:
                parts.append(
                    f'<text class="count" x="{x + cell_width / 2:.0f}" y="{y + cell_height * 0.68:.0f}" '
                    f'text-anchor="middle" fill="{ink}" aria-hidden="true">{count}</text>'
                )
        total = table.totals.get(uid, 0)
        bar_x = label_width + cell_width * len(table.columns) + 8
        bar = max(2.0, (bar_width - 40) * total / top_total)
        parts.append(
            f'<rect x="{bar_x}" y="{y + 5}" width="{bar:.0f}" height="{cell_height - 10}" fill="#505a5f">'
            f"<title>{html.escape(name)}: {total} inspections in all</title></rect>"
            f'<text class="total" x="{bar_x + bar + 4:.0f}" y="{y + cell_height * 0.68:.0f}">{total}</text>'
        )
    parts.append("</svg>")
    return (
        f'<div class="chart-wrap">{"".join(parts)}</div>'
        "<details><summary>The same figures as a table</summary>"
        + _chart_table(table, by_text)
        + "</details>"
    )


def _chart_table(table: ThemeTable, by_text: str) -> str:
    head = "".join(f'<th scope="col">{html.escape(c)}</th>' for c in table.columns)
    rows = []
    for name, uid in table.themes:
        cells = "".join(f"<td>{table.counts.get((uid, c), 0)}</td>" for c in table.columns)
        rows.append(
            f'<tr><th scope="row">{html.escape(name)}</th>{cells}<td>{table.totals.get(uid, 0)}</td></tr>'
        )
    return (
        f"<table><caption>Inspections raising each theme, by {by_text}</caption>"
        f'<thead><tr><th scope="col">Theme</th>{head}<th scope="col">In all</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


# ---------------------------------------------------------------------------- the page


def _council_options(councils: Sequence[CouncilRef], chosen: str) -> str:
    lines = []
    for council in councils:
        selected = (
            " selected"
            if chosen and chosen.lower() in (council.name.lower(), (council.code or "").lower())
            else ""
        )
        lines.append(
            f'        <option value="{html.escape(council.name)}"{selected}>{html.escape(council.name)}</option>'
        )
    return "\n".join(lines)


def _hidden(params: Mapping[str, str]) -> str:
    """Hidden inputs that keep the page's other choices when one form is sent."""
    return "".join(
        f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
        for k, v in params.items()
        if v
    )


def pages_router(settings: Settings) -> APIRouter:
    """The home page.

    Args:
        settings: read for the Neo4j Browser's address and whether GraphiQL is served.
    """
    template = Template((STATIC_DIR / "home.html").read_text(encoding="utf-8"))
    headers = {"Content-Security-Policy": page_policy("'self'"), "X-Content-Type-Options": "nosniff"}
    router = APIRouter(tags=["pages"])

    @router.get(
        "/", summary="Search, a council's timeline and the recurring themes", response_class=HTMLResponse
    )
    async def home(request: Request) -> HTMLResponse:
        query = request.query_params
        text = (query.get("q") or "").strip()
        council = (query.get("council") or "").strip()
        by = "council" if query.get("themes") == "council" else "year"
        repository: GraphRepository = request.app.state.repository
        views = GraphViews(repository.driver, repository.database, repository.timeout)
        notices: list[str] = []
        status = 200

        async def search() -> str:
            if not text:
                return ""
            hits = await repository.search(
                Filters(text=text, search_mode=SearchMode.ANY_WORDS), SEARCH_KINDS, 0, SEARCH_RESULTS
            )
            return render_search(settings, text, [(h.node.uid, h.node.labels, h.node.props) for h in hits])

        async def timeline() -> str:
            if not council:
                return ""
            found = await repository.resolve_council(council)
            events = await repository.timeline(found.uid, None, None, None)
            return render_timeline(settings, str(found.props.get("name") or council), events)

        search_html = timeline_html = chart_html = ""
        councils: list[CouncilRef] = []
        try:
            councils, counts = await asyncio.gather(views.councils(), views.theme_counts(by))
            chart_html = render_chart(theme_table(counts, by), by)
            searched, timed = await _section(search()), await _section(timeline())
            search_html, timeline_html = searched.html, timed.html
            # the page answers with the status of the first form that could not be answered
            status = next((s.status for s in (searched, timed) if s.status != 200), 200)
        except DatabaseUnavailableError as error:
            status = 503
            notices.append(
                f'<p class="notice">The graph database is not answering ({html.escape(str(error))}).</p>'
            )
        page = template.substitute(
            assets=ASSETS_PATH,
            browser_url=html.escape(settings.browser_url),
            graphiql_link='<a href="/graphql">GraphiQL</a>' if settings.graphiql else "",
            notices="".join(notices),
            q=html.escape(text),
            keep_for_search=_hidden({"council": council, "themes": by}),
            search_results=search_html,
            council_options=_council_options(councils, council),
            keep_for_timeline=_hidden({"q": text, "themes": by}),
            timeline=timeline_html,
            chart_caption="by year" if by == "year" else f"at each council (the {CHART_COUNCILS} with most)",
            year_checked=" checked" if by == "year" else "",
            council_checked=" checked" if by == "council" else "",
            keep_for_themes=_hidden({"q": text, "council": council}),
            chart=chart_html,
        )
        return HTMLResponse(page, status_code=status, headers=headers)

    return router


@dataclass(frozen=True)
class _Section:
    """One part of the page, and the HTTP status it calls for."""

    html: str
    status: int = 200


async def _section(work: Awaitable[str]) -> _Section:
    """A section's HTML, or the message of the query error that stopped it."""
    try:
        return _Section(await work)
    except NotFoundError as error:
        message = str(error)
        return _Section(
            f'<p class="notice" role="alert">{html.escape(message[:1].upper() + message[1:])}.</p>', 404
        )
    except QueryError as error:
        return _Section(f'<p class="notice" role="alert">{html.escape(str(error))}</p>', 400)
