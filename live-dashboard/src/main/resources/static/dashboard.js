// Streamgate live dashboard: the state comes as one "snapshot" event when the stream opens, then one "window" event
// per changed window, a "retract" event per window removed (a rebuild under a new spec) and a "health" event after
// each poll of the pipeline's services. Per window the page keeps the update with the highest seq, so a window sent
// both in the snapshot and live is shown once, with its newest value, and a retraction removes only what it follows.
"use strict";

const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"];
const MAX_SERIES = COLORS.length;
const LATEST_ROWS = 30;
const HOUR = 3600 * 1000;

const state = { jobs: [], windows: new Map(), measure: {}, renderPending: false };
const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const svg = ["svg", "polyline", "circle", "line", "text", "title", "g"].includes(tag);
  const node = svg ? document.createElementNS("http://www.w3.org/2000/svg", tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
}

function fmt(value) {
  if (value === null || value === undefined) return "–";
  return Number.isInteger(value) ? value.toLocaleString("en-US") : Number(value).toFixed(2);
}

function time(ms) {
  return new Date(ms).toLocaleString("en-US", { month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit",
    hour12: false });
}

function apply(update) {
  const id = update.job + "\u0000" + update.key;
  const known = state.windows.get(id);
  if (!known || update.seq > known.seq) {
    update.start = Date.parse(update.windowStart);
    update.end = Date.parse(update.windowEnd);
    state.windows.set(id, update);
  }
}

function retract(retraction) {
  const id = retraction.job + "\u0000" + retraction.key;
  const known = state.windows.get(id);
  if (known && retraction.seq > known.seq) state.windows.delete(id);
}

function scheduleRender() {
  if (!state.renderPending) {
    state.renderPending = true;
    setTimeout(() => { state.renderPending = false; render(); }, 100);
  }
}

function jobOf(name) { return state.jobs.find((j) => j.name === name); }

function seriesValue(update) {
  const job = jobOf(update.job);
  const value = job ? update.group[job.series] : undefined;
  return value === null || value === undefined ? "(none)" : String(value);
}

function visibleJobs() {
  const chosen = $("job-filter").value;
  return state.jobs.filter((j) => !chosen || j.name === chosen);
}

function render() {
  renderSeriesFilter();
  const charts = $("charts");
  charts.replaceChildren(...visibleJobs().map(chartCard));
  renderLatest();
}

function renderSeriesFilter() {
  const select = $("series-filter");
  const jobs = new Set(visibleJobs().map((j) => j.name));
  const values = new Set();
  for (const w of state.windows.values()) if (jobs.has(w.job)) values.add(seriesValue(w));
  const sorted = [...values].sort();
  const current = [...select.options].slice(1).map((o) => o.value);
  if (current.join("\n") !== sorted.join("\n")) {
    const chosen = select.value;
    select.replaceChildren(el("option", { value: "" }, "all"), ...sorted.map((v) => el("option", { value: v }, v)));
    select.value = sorted.includes(chosen) ? chosen : "";
  }
}

function inRange(job) {
  const windows = [...state.windows.values()].filter((w) => w.job === job.name);
  const series = $("series-filter").value;
  const hours = Number($("range-filter").value);
  const newest = Math.max(...windows.map((w) => w.end));
  const from = hours > 0 ? newest - hours * HOUR : -Infinity;
  return windows.filter((w) => w.start >= from && (!series || seriesValue(w) === series));
}

function chartCard(job) {
  const measure = state.measure[job.name] || job.chart[0];
  const picker = el("select", { "aria-label": "measure", "data-job": job.name },
    ...job.chart.map((m) => el("option", { value: m }, m)));
  picker.value = measure;
  picker.addEventListener("change", () => { state.measure[job.name] = picker.value; render(); });
  const card = el("div", { class: "chart", "data-job": job.name },
    el("h3", {}, el("span", {}, job.title), picker));
  const windows = inRange(job);
  if (windows.length === 0) {
    card.append(el("div", { class: "empty" }, "no windows yet"));
    return card;
  }
  // one line per series value: the sum over its windows of one start (e.g. every turnstile of a station)
  const lines = new Map();
  for (const w of windows) {
    const value = w.measures[measure];
    if (value === null || value === undefined) continue;
    const points = lines.get(seriesValue(w)) || new Map();
    points.set(w.start, (points.get(w.start) || 0) + value);
    lines.set(seriesValue(w), points);
  }
  const total = (points) => [...points.values()].reduce((a, b) => a + b, 0);
  const top = [...lines.entries()].sort((a, b) => total(b[1]) - total(a[1])).slice(0, MAX_SERIES);
  card.append(svgChart(top, windows, measure, job));
  card.append(el("div", { class: "legend" }, ...top.map(([name], i) =>
    el("span", {}, el("i", { style: "background:" + COLORS[i] }), name))));
  if (lines.size > MAX_SERIES) card.append(el("div", { class: "legend" }, `top ${MAX_SERIES} of ${lines.size} shown`));
  return card;
}

function svgChart(lines, windows, measure, job) {
  const W = 520, H = 240, L = 48, R = 10, T = 10, B = 24;
  const starts = windows.map((w) => w.start);
  const x0 = Math.min(...starts), x1 = Math.max(...starts);
  const max = Math.max(1, ...lines.flatMap(([, p]) => [...p.values()]));
  const x = (t) => L + (x1 === x0 ? (W - L - R) / 2 : ((t - x0) / (x1 - x0)) * (W - L - R));
  const y = (v) => T + (1 - v / max) * (H - T - B);
  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": `${job.title}: ${measure}` });
  for (const v of [0, max / 2, max]) {
    svg.append(el("line", { x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: "#eceff3" }));
    svg.append(el("text", { x: L - 4, y: y(v) + 3, "text-anchor": "end" }, fmt(Math.round(v))));
  }
  const ticks = x1 === x0 ? [x0] : [0, 1, 2, 3].map((i) => x0 + (i * (x1 - x0)) / 3);
  for (const t of ticks) svg.append(el("text", { x: x(t), y: H - 6, "text-anchor": "middle" }, time(t)));
  lines.forEach(([name, points], i) => {
    const sorted = [...points.entries()].sort((a, b) => a[0] - b[0]);
    svg.append(el("polyline", { fill: "none", stroke: COLORS[i], "stroke-width": 2,
      points: sorted.map(([t, v]) => `${x(t)},${y(v)}`).join(" ") }));
    for (const [t, v] of sorted) {
      svg.append(el("circle", { cx: x(t), cy: y(v), r: 3, fill: COLORS[i], "data-series": name, "data-value": v },
        el("title", {}, `${name} ${time(t)}: ${measure} ${fmt(v)}`)));
    }
  });
  return svg;
}

function renderLatest() {
  const jobs = new Set(visibleJobs().map((j) => j.name));
  const series = $("series-filter").value;
  const rows = [...state.windows.values()]
    .filter((w) => jobs.has(w.job) && (!series || seriesValue(w) === series))
    .sort((a, b) => b.seq - a.seq).slice(0, LATEST_ROWS);
  $("latest").tBodies[0].replaceChildren(...rows.map((w) => {
    const job = jobOf(w.job);
    const others = Object.entries(w.group).filter(([k]) => !job || k !== job.series).map(([k, v]) => `${k}=${v}`);
    return el("tr", { "data-job": w.job, "data-key": w.key },
      el("td", {}, w.job),
      el("td", {}, `${time(w.start)} – ${time(w.end)}`),
      el("td", { class: "series" }, seriesValue(w)),
      el("td", {}, others.join(" ")),
      el("td", { class: "measures" }, ...Object.entries(w.measures).map(([k, v]) =>
        el("span", { "data-measure": k }, `${k} ${fmt(v)}`))));
  }));
}

function renderHealth(statuses) {
  $("health").replaceChildren(...statuses.map((s) => el("div", { class: "service", "data-service": s.service,
    title: `${s.url}, checked ${new Date(s.checkedAt).toLocaleTimeString()}` },
  el("strong", {}, s.service), " ", el("span", { class: "state " + s.state }, s.state),
  s.detail ? el("span", { class: "detail" }, s.detail) : "")));
}

function connect() {
  const stream = new EventSource("api/stream");
  const connection = $("connection");
  stream.onopen = () => { connection.textContent = "live"; connection.className = "state UP"; };
  stream.onerror = () => { connection.textContent = "reconnecting"; connection.className = "state DOWN"; };
  stream.addEventListener("snapshot", (e) => {
    state.windows.clear(); // the whole state, also after a reconnect to a restarted dashboard
    JSON.parse(e.data).forEach(apply);
    scheduleRender();
  });
  stream.addEventListener("window", (e) => { apply(JSON.parse(e.data)); scheduleRender(); });
  stream.addEventListener("retract", (e) => { retract(JSON.parse(e.data)); scheduleRender(); });
  stream.addEventListener("health", (e) => renderHealth(JSON.parse(e.data)));
}

async function start() {
  state.jobs = await (await fetch("api/jobs")).json();
  for (const job of state.jobs) $("job-filter").append(el("option", { value: job.name }, job.title));
  for (const id of ["job-filter", "series-filter", "range-filter"]) $(id).addEventListener("change", render);
  render();
  connect();
}

start();
