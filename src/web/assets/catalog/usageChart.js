import { dateTime, h, note, svg } from "./dom.js";

const WIDTH = 660;
const HEIGHT = 170;
const LEFT = 36;
const BOTTOM = 22;
const TOP = 10;

/** A round axis maximum at or above `max`: 1, 2, 5, 10, 20, 50, … */
function niceMax(max) {
  if (max <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= max);
}

const anchorX = (anchor, x, width) => (anchor === "start" ? x : anchor === "end" ? x + width : x + width / 2);

const shortDay = (day) => new Date(`${day}T00:00:00Z`).toLocaleDateString(undefined, { month: "short", day: "numeric", timeZone: "UTC" });

/** Operations per day as SVG bars, each with its day and count on hover. */
function bars(daily) {
  const top = niceMax(Math.max(0, ...daily.map((d) => d.queries)));
  const plotHeight = HEIGHT - BOTTOM - TOP;
  const slot = (WIDTH - LEFT) / Math.max(daily.length, 1);
  const barWidth = Math.min(28, Math.max(2, slot * 0.7));
  const y = (value) => TOP + plotHeight - (value / top) * plotHeight;
  // First, middle and last day, anchored so none runs off the chart.
  const anchors = new Map([[0, "start"], [Math.floor((daily.length - 1) / 2), "middle"], [daily.length - 1, "end"]]);
  return svg(
    "svg",
    { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: "chart", id: "usage-chart", role: "img", "aria-label": "Queries per day" },
    [0, top / 2, top].map((tick) => [
      svg("line", { x1: LEFT, x2: WIDTH, y1: y(tick), y2: y(tick), class: "chart-grid" }),
      svg("text", { x: LEFT - 6, y: y(tick) + 4, "text-anchor": "end", class: "chart-axis" }, Number.isInteger(tick) ? tick : tick.toFixed(1)),
    ]),
    daily.map((point, i) => {
      const x = LEFT + i * slot + (slot - barWidth) / 2;
      const height = Math.max(point.queries > 0 ? 2 : 0, y(0) - y(point.queries));
      return svg(
        "g",
        { class: "chart-day", "data-day": point.day, "data-queries": point.queries },
        svg("title", {}, `${point.day}: ${point.queries} quer${point.queries === 1 ? "y" : "ies"}`),
        // A full-height hit area, so empty days still show their tooltip.
        svg("rect", { x: LEFT + i * slot, y: TOP, width: slot, height: plotHeight, class: "chart-hit" }),
        svg("rect", { x, y: y(0) - height, width: barWidth, height, rx: 1.5, class: "chart-bar" }),
        anchors.has(i) ? svg("text", { x: anchorX(anchors.get(i), x, barWidth), y: HEIGHT - 6, "text-anchor": anchors.get(i), class: "chart-axis" }, shortDay(point.day)) : null,
      );
    }),
  );
}

/** The product's usage over the window: totals, purposes, and queries per day. */
export function usageChart(usage) {
  const facts = h(
    "dl",
    { class: "facts facts-row", id: "usage-facts" },
    h("div", {}, h("dt", {}, "Queries"), h("dd", { class: "fact-number" }, String(usage.queries))),
    h("div", {}, h("dt", {}, "Consumers"), h("dd", { class: "fact-number" }, String(usage.consumers))),
    h("div", {}, h("dt", {}, "Last queried"), h("dd", {}, dateTime(usage.lastQueried))),
    h("div", {}, h("dt", {}, "Purposes"), h("dd", {}, usage.purposes.length ? usage.purposes.join(", ") : "none declared")),
  );
  const window = h("p", { class: "muted small" }, "From ", dateTime(usage.since), " to ", dateTime(usage.until), ", from the audit log.");
  if (!usage.daily.length) return h("div", {}, facts, note("No days in this window."));
  return h("div", {}, facts, h("div", { class: "chart-wrap" }, bars(usage.daily)), window);
}
