#!/usr/bin/env python3
"""Draws a Grafana dashboard JSON as a static HTML page: each panel's PromQL queries are evaluated by a
real Prometheus (its HTTP API, query_range and query) and drawn as SVG on the panel's grid position.

It is not Grafana: it reads the panel types the shipped dashboards use (timeseries, stat, table), with
their units, legends and stacking, so that the README can show what the dashboards show. Used by
scripts/render-dashboards.sh, which also runs the operator and the Prometheus that scrapes it.

usage: render-dashboards.py PROMETHEUS_URL DASHBOARD.json OUT.html START END [CAPTION]
(START and END are Unix seconds)
"""
import html
import json
import math
import re
import sys
import urllib.parse
import urllib.request

WIDTH = 1600
ROW = 34
PAD = 8
COLORS = ["#73bf69", "#f2cc0c", "#5794f2", "#ff9830", "#f2495c", "#b877d9", "#8ab8ff", "#fade2a", "#96d98d", "#ffb357", "#ff7383", "#ca95e5"]


def substitute(expr, step):
    rate = "%ds" % max(4 * step, 30)
    expr = re.sub(r"\$__rate_interval|\$\{__rate_interval\}|\$__interval|\$\{__interval\}", rate, expr)
    return re.sub(r"\$\{?[a-zA-Z_][a-zA-Z0-9_]*\}?", ".*", expr)


def prom(base, path, params):
    url = base.rstrip("/") + path + "?" + urllib.parse.urlencode(params)
    with urllib.request.urlopen(url, timeout=30) as r:
        body = json.load(r)
    if body.get("status") != "success":
        raise RuntimeError("%s: %s" % (url, body))
    return body["data"]["result"]


def legend(fmt, labels):
    if not fmt:
        return "{" + ", ".join('%s="%s"' % kv for kv in sorted(labels.items()) if kv[0] != "__name__") + "}"
    return re.sub(r"\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}", lambda m: labels.get(m.group(1), ""), fmt).strip()


def nice_step(span, ticks=4):
    raw = span / ticks if span > 0 else 1
    mag = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * mag:
            return m * mag
    return 10 * mag


def fmt_value(v, unit, decimals=None):
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "-"
    if unit == "bytes":
        for suffix in ("B", "KiB", "MiB", "GiB", "TiB"):
            if abs(v) < 1024 or suffix == "TiB":
                return ("%.0f %s" if suffix == "B" else "%.1f %s") % (v, suffix)
            v /= 1024
    if unit == "s":
        if abs(v) >= 120:
            return "%.1f min" % (v / 60)
        if abs(v) >= 1 or v == 0:
            return "%.3g s" % v
        return "%.3g ms" % (v * 1000)
    if unit == "percentunit":
        return "%.3g%%" % (v * 100)
    if unit == "currencyUSD":
        return "$%.*f" % (2 if decimals is None else decimals, v)
    suffix = {"ops": " ops/s", "reqps": " req/s"}.get(unit, "")
    if decimals is not None:
        return "%.*f%s" % (decimals, v, suffix)
    if v == int(v) and abs(v) < 1e6:
        return "%d%s" % (v, suffix)
    return "%.3g%s" % (v, suffix)


def timeseries(panel, base, start, end, step, w, h):
    unit = panel.get("fieldConfig", {}).get("defaults", {}).get("unit")
    stacked = panel.get("fieldConfig", {}).get("defaults", {}).get("custom", {}).get("stacking", {}).get("mode") == "normal"
    series = []
    for target in panel.get("targets", []):
        for r in prom(base, "/api/v1/query_range", {"query": substitute(target["expr"], step), "start": start, "end": end, "step": step}):
            points = {int(float(t)): float(v) for t, v in r["values"] if v not in ("NaN", "+Inf", "-Inf")}
            series.append((legend(target.get("legendFormat"), r["metric"]), points))
    series.sort(key=lambda s: s[0])
    times = list(range(int(start), int(end) + 1, step))
    if stacked:
        base_line = {t: 0.0 for t in times}
        stacked_series = []
        for name, pts in series:
            top = {t: base_line[t] + pts[t] for t in times if t in pts}
            stacked_series.append((name, top, dict(base_line)))
            for t in top:
                base_line[t] = top[t]
        drawn = stacked_series
    else:
        drawn = [(name, pts, None) for name, pts in series]
    values = [v for _, pts, _ in drawn for v in pts.values()] + ([0.0] if stacked or not drawn else [])
    legend_rows = min(3, max(1, math.ceil(len(drawn) / 3)))
    plot_x, plot_y = 62, 6
    plot_w, plot_h = w - plot_x - 12, h - plot_y - 22 - 16 * legend_rows
    out = []
    if not drawn:
        out.append('<text x="%d" y="%d" class="nodata">No data</text>' % (w / 2, h / 2))
        return "".join(out)
    lo, hi = min(values), max(values)
    if lo > 0 and (hi - lo) > 0.1 * hi:
        lo = 0.0
    if hi == lo:
        hi = lo + (1 if lo == 0 else abs(lo) * 0.1)
    # Bytes tick in round binary units (0, 2, 4 GiB), not round decimal numbers of bytes.
    scale = 1024 ** max(0, int(math.log(max(abs(hi), 1), 1024))) if unit == "bytes" else 1
    tick = nice_step((hi - lo) / scale) * scale
    lo = math.floor(lo / tick) * tick
    hi = math.ceil(hi / tick) * tick

    def x(t):
        return plot_x + (t - start) / (end - start) * plot_w

    def y(v):
        return plot_y + plot_h - (v - lo) / (hi - lo) * plot_h

    v = lo
    while v <= hi + tick / 2:
        out.append('<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" class="grid"/>' % (plot_x, plot_x + plot_w, y(v), y(v)))
        out.append('<text x="%d" y="%.1f" class="ytick">%s</text>' % (plot_x - 6, y(v) + 4, html.escape(fmt_value(round(v, 10), unit))))
        v += tick
    minute = 60
    span = end - start
    every = next(m for m in (1, 2, 5, 10, 15, 30, 60) if span / (m * minute) <= 8) * minute
    t = start + (every - (start % every)) % every
    while t <= end and x(t) <= plot_x + plot_w - 24:
        out.append('<line x1="%.1f" x2="%.1f" y1="%d" y2="%d" class="grid"/>' % (x(t), x(t), plot_y, plot_y + plot_h))
        out.append('<text x="%.1f" y="%d" class="xtick">+%d min</text>' % (x(t), plot_y + plot_h + 14, (t - start) // 60))
        t += every
    for i, (name, pts, below) in enumerate(drawn):
        color = COLORS[i % len(COLORS)]
        keys = sorted(pts)
        segments, current = [], []
        for k in keys:
            if current and k - current[-1] > 2 * step:
                segments.append(current)
                current = []
            current.append(k)
        if current:
            segments.append(current)
        for seg in segments:
            line = " ".join("%.1f,%.1f" % (x(k), y(pts[k])) for k in seg)
            if below is not None:
                back = " ".join("%.1f,%.1f" % (x(k), y(below.get(k, 0.0))) for k in reversed(seg))
                out.append('<polygon points="%s %s" fill="%s" fill-opacity="0.45" stroke="none"/>' % (line, back, color))
            elif len(seg) == 1:
                out.append('<circle cx="%.1f" cy="%.1f" r="2" fill="%s"/>' % (x(seg[0]), y(pts[seg[0]]), color))
            out.append('<polyline points="%s" fill="none" stroke="%s" stroke-width="2"/>' % (line, color))
    col_w = (w - 16) / 3
    for i, (name, _, _) in enumerate(drawn[:3 * legend_rows]):
        lx = 8 + (i % 3) * col_w
        ly = h - 16 * legend_rows + 12 + (i // 3) * 16 - 6
        color = COLORS[i % len(COLORS)]
        room = int((col_w - 24) / 6.2)
        label = name if len(name) <= room else name[:room - 3] + "..."
        out.append('<rect x="%.1f" y="%.1f" width="14" height="4" fill="%s"/><text x="%.1f" y="%.1f" class="legend">%s</text>'
                   % (lx, ly - 4, color, lx + 20, ly, html.escape(label)))
    if len(drawn) > 3 * legend_rows:
        out.append('<text x="%d" y="%d" class="legend more">+%d more</text>' % (w - 70, h - 4, len(drawn) - 3 * legend_rows))
    return "".join(out)


def stat(panel, base, end, w, h):
    defaults = panel.get("fieldConfig", {}).get("defaults", {})
    result = prom(base, "/api/v1/query", {"query": substitute(panel["targets"][0]["expr"], 15), "time": end})
    value = float(result[0]["value"][1]) if result else None
    text = fmt_value(value, defaults.get("unit"), defaults.get("decimals"))
    return '<text x="%d" y="%d" class="stat">%s</text>' % (w / 2, h / 2 + 12, html.escape(text))


def table(panel, base, end, w, h):
    result = prom(base, "/api/v1/query", {"query": substitute(panel["targets"][0]["expr"], 15), "time": end})
    rows = []
    for r in result[:1]:
        for i, (k, v) in enumerate(sorted((k, v) for k, v in r["metric"].items() if k not in ("__name__", "instance", "job"))):
            rows.append('<text x="12" y="%d" class="tkey">%s</text><text x="130" y="%d" class="tval">%s</text>'
                        % (22 + i * 20, html.escape(k), 22 + i * 20, html.escape(v)))
    return "".join(rows) or '<text x="%d" y="%d" class="nodata">No data</text>' % (w / 2, h / 2)


def render(base, dashboard, start, end, caption):
    step = max(5, (end - start) // 240)
    panels = dashboard["panels"]
    height = max(p["gridPos"]["y"] + p["gridPos"]["h"] for p in panels) * ROW + 60
    col = WIDTH / 24
    body = []
    for p in panels:
        g = p["gridPos"]
        x, y, w, h = g["x"] * col + PAD / 2, g["y"] * ROW + 50, g["w"] * col - PAD, g["h"] * ROW - PAD
        inner_h = h - 28
        kind = p["type"]
        if kind == "timeseries":
            svg = timeseries(p, base, start, end, step, w, inner_h)
        elif kind == "stat":
            svg = stat(p, base, end, w, inner_h)
        else:
            svg = table(p, base, end, w, inner_h)
        body.append('<div class="panel" style="left:%dpx;top:%dpx;width:%dpx;height:%dpx"><div class="title">%s</div>'
                    '<svg width="%d" height="%d">%s</svg></div>' % (x, y, w, h, html.escape(p["title"]), w, inner_h, svg))
    return """<!doctype html><html><head><meta charset="utf-8"><style>
body{margin:0;background:#111217;color:#ccccdc;font-family:'DejaVu Sans',sans-serif;width:%dpx;height:%dpx;position:relative}
.head{position:absolute;left:8px;top:10px;font-size:20px;color:#fff}.head small{font-size:12px;color:#8e8e9e;margin-left:14px}
.panel{position:absolute;background:#181b1f;border:1px solid #2c3235;border-radius:3px;box-sizing:border-box}
.title{font-size:13px;font-weight:bold;padding:6px 8px;height:16px;white-space:nowrap;overflow:hidden}
svg text{fill:#ccccdc;font-size:11px}.ytick{text-anchor:end}.xtick{text-anchor:middle}.grid{stroke:#2c3235;stroke-width:1}
.stat{font-size:34px;text-anchor:middle;fill:#73bf69;font-weight:bold}.nodata{text-anchor:middle;fill:#8e8e9e;font-size:14px}
.legend{font-size:11px}.tkey{fill:#8e8e9e}.tval{font-family:'DejaVu Sans Mono',monospace}
</style></head><body><div class="head">%s<small>%s</small></div>%s</body></html>""" % (
        WIDTH, height, html.escape(dashboard["title"]), html.escape(caption), "".join(body)), height


def main():
    base, path, out, start, end = sys.argv[1:6]
    caption = sys.argv[6] if len(sys.argv) > 6 else ""
    with open(path) as f:
        dashboard = json.load(f)
    page, height = render(base, dashboard, int(start), int(end), caption)
    with open(out, "w") as f:
        f.write(page)
    print(height)


if __name__ == "__main__":
    main()
