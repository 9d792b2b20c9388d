// The desk's behaviour: evidence drawer, estimate chart, map.
// Article text is untrusted: it only ever reaches the page through textContent, never
// innerHTML, and only /evidence and /articles links of this server are built from data.
"use strict";

(function () {
  const MAX_CHART_POINTS = 5000;   // the chart follows `next` until it has this many
  const MAX_MAP_PAGES = 10;        // articles are fetched 200 per page for the map
  const MAX_SERIES = 12;           // further sources are drawn as "other sources"
  const LOG_SCALE_SPREAD = 1000;   // max/min above this: the y axis is logarithmic
  const COLOURS = ["#1f5fa8", "#b03a2e", "#1e7d4f", "#7d3c98", "#a85a00", "#0b7285",
                   "#5c5c5c", "#8e1d5b", "#3f6f00", "#00478f", "#9c2c00", "#4b4b8f", "#777"];

  // --- helpers -----------------------------------------------------------------------
  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  function evidenceUrl(articleId, start, end) {
    if (!/^[0-9a-f]{64}$/.test(String(articleId)) || !Number.isInteger(start) ||
        !Number.isInteger(end)) return null;
    return "/evidence/" + articleId + "?start=" + start + "&end=" + end;
  }

  function openEvidence(url) {
    if (url && window.htmx) window.htmx.ajax("GET", url, {target: "#drawer", swap: "innerHTML"});
  }

  function evidenceLink(label, articleId, start, end) {
    const url = evidenceUrl(articleId, start, end);
    if (!url) return el("span", label);
    const a = el("a", label, "ev");
    a.href = url;
    a.addEventListener("click", function (event) { event.preventDefault(); openEvidence(url); });
    return a;
  }

  function numberText(e) {
    const f = (v) => Number(v).toLocaleString("en-US", {maximumFractionDigits: 2});
    if (e.low !== null && e.high !== null && e.low !== e.high) return f(e.low) + "–" + f(e.high);
    if (e.low !== null && e.high === null) return "≥" + f(e.low);
    if (e.high !== null && e.low === null) return "≤" + f(e.high);
    return e.value === null ? "" : f(e.value);
  }

  async function pages(url, pageSize, maxItems, maxPages) {
    const items = [];
    let cursor = null;
    for (let n = 0; n < maxPages && items.length < maxItems; n++) {
      const sep = url.includes("?") ? "&" : "?";
      const next = url + sep + "limit=" + pageSize + (cursor ? "&cursor=" + encodeURIComponent(cursor) : "");
      const response = await fetch(next, {headers: {"Accept": "application/json"}});
      const body = await response.json();
      if (!response.ok) throw new Error(body.message || response.statusText);
      items.push(...body.items);
      cursor = body.next;
      if (!cursor) return {items: items, complete: true};
    }
    return {items: items, complete: false};
  }

  // --- the evidence drawer -----------------------------------------------------------
  function initDrawer() {
    const drawer = document.getElementById("drawer");
    if (!drawer) return;
    document.body.addEventListener("htmx:afterSwap", function (event) {
      if (event.detail.target !== drawer) return;
      drawer.classList.add("open");
      const heading = drawer.querySelector("h2");
      if (heading) { heading.tabIndex = -1; heading.focus(); }
    });
    drawer.addEventListener("click", function (event) {
      if (event.target.closest(".drawer-close")) {
        drawer.classList.remove("open");
        drawer.replaceChildren();
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") drawer.classList.remove("open");
    });
  }

  // --- the estimate chart ------------------------------------------------------------
  function dayOf(text) {
    const s = String(text || "");
    let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
    if (m) return Date.UTC(+m[1], +m[2] - 1, +m[3]) / 1000;
    m = /^(\d{4})-W(\d{2})/.exec(s);
    if (m) {
      const jan4 = new Date(Date.UTC(+m[1], 0, 4));
      const monday = jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86400000;
      return monday / 1000 + (+m[2] - 1) * 7 * 86400;
    }
    m = /^(\d{4})-(\d{2})$/.exec(s);
    if (m) return Date.UTC(+m[1], +m[2] - 1, 1) / 1000;
    m = /^(\d{4})$/.exec(s);
    return m ? Date.UTC(+m[1], 0, 1) / 1000 : null;
  }

  function seriesOf(items) {
    const bySource = new Map();
    for (const e of items) {
      const x = dayOf(e.date);
      const y = e.value !== null ? e.value : (e.low !== null ? e.low : e.high);
      if (x === null || y === null) continue;
      const source = e.source || "unattributed";
      if (!bySource.has(source)) bySource.set(source, []);
      bySource.get(source).push({x: x, y: y, e: e});
    }
    const ranked = [...bySource.keys()].sort((a, b) => bySource.get(b).length - bySource.get(a).length);
    const named = ranked.slice(0, MAX_SERIES).map((s) => ({name: s, points: bySource.get(s)}));
    const rest = ranked.slice(MAX_SERIES).flatMap((s) => bySource.get(s));
    if (rest.length) named.push({name: "other sources", points: rest});
    return named;
  }

  function aligned(series) {
    const xs = [...new Set(series.flatMap((s) => s.points.map((p) => p.x)))].sort((a, b) => a - b);
    const index = new Map(xs.map((x, i) => [x, i]));
    const lookup = series.map(() => new Map());
    const data = [xs];
    series.forEach(function (s, k) {
      const ys = new Array(xs.length).fill(null);
      for (const p of s.points) {
        const i = index.get(p.x);
        if (ys[i] === null || p.y > ys[i]) { ys[i] = p.y; lookup[k].set(i, p); }
      }
      data.push(ys);
    });
    return {data: data, lookup: lookup};
  }

  function rangePlugin(series, lookup) {
    return {hooks: {draw: [function (u) {
      const ctx = u.ctx;
      ctx.save();
      series.forEach(function (s, k) {
        if (!u.series[k + 1].show) return;
        ctx.strokeStyle = ctx.fillStyle = COLOURS[k % COLOURS.length];
        ctx.lineWidth = 2 * devicePixelRatio;
        for (const [i, p] of lookup[k]) {
          const x = u.valToPos(u.data[0][i], "x", true);
          const e = p.e;
          if (e.low !== null && e.high !== null && e.low !== e.high) {
            ctx.beginPath();
            ctx.moveTo(x, u.valToPos(e.low, "y", true));
            ctx.lineTo(x, u.valToPos(e.high, "y", true));
            ctx.stroke();
          } else if ((e.low === null) !== (e.high === null)) {
            // ▲ above the point: "more than"; ▼ below it: "up to"
            const y = u.valToPos(p.y, "y", true);
            const dir = e.high === null ? -1 : 1;
            const px = devicePixelRatio;
            ctx.beginPath();
            ctx.moveTo(x - 6 * px, y + dir * 7 * px);
            ctx.lineTo(x + 6 * px, y + dir * 7 * px);
            ctx.lineTo(x, y + dir * 17 * px);
            ctx.closePath();
            ctx.fill();
          }
        }
      });
      ctx.restore();
    }]}};
  }

  function tooltipPlugin(series, lookup) {
    const tip = el("div", null, "chart-tip");
    tip.setAttribute("role", "status");
    let current = null;
    return {hooks: {
      init: [function (u) {
        u.over.appendChild(tip);
        u.over.addEventListener("click", function () {
          if (current) openEvidence(evidenceUrl(current.article_id, current.start, current.end));
        });
      }],
      setCursor: [function (u) {
        const i = u.cursor.idx;
        current = null;
        let best = null;
        if (i !== null && i !== undefined) {
          series.forEach(function (s, n) {
            const p = lookup[n].get(i);
            if (!p || !u.series[n + 1].show) return;
            const dy = Math.abs(u.valToPos(p.y, "y") - u.cursor.top);
            if (best === null || dy < best.dy) best = {dy: dy, p: p, name: s.name};
          });
        }
        if (!best || best.dy > 24) { tip.hidden = true; return; }
        const e = best.p.e;
        current = e;
        tip.replaceChildren(
          el("strong", numberText(e) + " " + e.counted),
          el("div", (e.date || "") + " · " + best.name + (e.chain && e.chain.length ? " via " + e.chain.join(" → ") : "")),
          el("div", "independent confirmations: " + e.confirmations),
          el("div", "click for the evidence", "muted"));
        tip.hidden = false;
        tip.style.left = Math.min(u.cursor.left + 12, u.over.clientWidth - 220) + "px";
        tip.style.top = Math.max(u.cursor.top - 10, 0) + "px";
      }],
    }};
  }

  function legendTable(series, target) {
    const table = el("table", null, "data legend-table");
    const head = table.createTHead().insertRow();
    for (const h of ["source", "points", "most independent confirmations"]) {
      const th = el("th", h); th.scope = "col"; head.appendChild(th);
    }
    const body = table.createTBody();
    series.forEach(function (s, k) {
      const row = body.insertRow();
      const name = row.insertCell();
      const swatch = el("span", "■ ", "swatch c" + (k % COLOURS.length));
      name.append(swatch, document.createTextNode(s.name));
      row.insertCell().textContent = String(s.points.length);
      row.insertCell().textContent = String(Math.max(...s.points.map((p) => p.e.confirmations)));
    });
    target.after(table);
  }

  async function initChart() {
    const box = document.getElementById("chart");
    if (!box || !window.uPlot) return;
    const status = document.getElementById("chart-status");
    let found;
    try {
      found = await pages(box.dataset.api, 1000, MAX_CHART_POINTS, 50);
    } catch (err) {
      status.textContent = "The chart could not load: " + err.message;
      return;
    }
    const series = seriesOf(found.items);
    if (!series.length) { status.textContent = "No dated estimates match these filters."; return; }
    const {data, lookup} = aligned(series);
    const width = Math.max(box.clientWidth, 320);
    const ys = series.flatMap((s) => s.points.map((p) => p.y)).filter((y) => y > 0);
    // Counts of different things differ by orders of magnitude: a log scale keeps all visible.
    const logScale = ys.length > 0 && Math.max(...ys) / Math.min(...ys) > LOG_SCALE_SPREAD;
    const opts = {
      width: width, height: 380,
      scales: {x: {time: true}, y: logScale ? {distr: 3} : {}},
      axes: [{}, {size: 90, values: (u, vals) => vals.map((v) => v === null ? "" : Number(v).toLocaleString("en-US"))}],
      series: [{}].concat(series.map((s, k) => ({
        label: s.name, stroke: COLOURS[k % COLOURS.length], width: 1,
        points: {show: true, size: 9, fill: COLOURS[k % COLOURS.length]}, spanGaps: true,
      }))),
      plugins: [rangePlugin(series, lookup), tooltipPlugin(series, lookup)],
    };
    box.uplot = new window.uPlot(opts, data, box);  // the browser tests find points through it
    legendTable(series, box.closest("figure"));
    status.textContent = found.items.length + " estimate(s) plotted" +
      (found.complete ? "." : " (the first " + found.items.length + "; narrow the filters for the rest).");
  }

  // --- the map -----------------------------------------------------------------------
  function popupFor(group) {
    const box = el("div", null, "popup");
    box.appendChild(el("h3", group.name + (group.country ? " (" + group.country + ")" : "")));
    for (const m of group.markers.slice(0, 6)) {
      const part = el("div", null, "popup-article");
      const link = el("a", (m.published || "") + " " + (m.title || "article"));
      link.href = "/articles/" + m.article_id;
      part.appendChild(link);
      const list = el("ul");
      for (const c of m.claims.slice(0, 4)) {
        const li = el("li");
        li.append(el("span", "claim: "), evidenceLink(numberText(c) + " " + c.counted, m.article_id,
                                                      c.evidence.start, c.evidence.end));
        list.appendChild(li);
      }
      for (const q of m.quotes.slice(0, 4)) {
        const li = el("li");
        const who = (q.speaker && q.speaker.name) || "unattributed";
        li.append(el("span", who + ": "), evidenceLink("“" + q.content.text.slice(0, 140) + "”",
                                                        m.article_id, q.content.start, q.content.end));
        list.appendChild(li);
      }
      part.appendChild(list);
      box.appendChild(part);
    }
    if (group.markers.length > 6) box.appendChild(el("p", "… and " + (group.markers.length - 6) + " more article(s)", "muted"));
    return box;
  }

  async function initMap() {
    const box = document.getElementById("map");
    if (!box || !window.L) return;
    const status = document.getElementById("map-status");
    const map = window.L.map(box, {worldCopyJump: true, minZoom: 1, maxZoom: 10}).setView([48, 30], 3);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Outline: Natural Earth (public domain)");
    try {
      const topo = await (await fetch("/static/vendor/countries-110m.json")).json();
      const land = window.topojson.feature(topo, topo.objects.countries);
      window.L.geoJSON(land, {style: {color: "#7a8799", weight: 1, fillColor: "#e9edf2", fillOpacity: 1}}).addTo(map);
    } catch (err) {
      status.textContent = "The world outline could not load.";
    }
    let found;
    try {
      found = await pages(box.dataset.api, 200, 1e9, MAX_MAP_PAGES);
    } catch (err) {
      status.textContent = "The places could not load: " + err.message;
      return;
    }
    const groups = new Map();
    for (const m of found.items) {
      const key = m.name + "|" + m.lat + "|" + m.lon;
      if (!groups.has(key)) groups.set(key, {name: m.name, country: m.country, lat: m.lat, lon: m.lon, markers: []});
      groups.get(key).markers.push(m);
    }
    const cluster = window.L.markerClusterGroup();
    for (const g of groups.values()) {
      const marker = window.L.marker([g.lat, g.lon], {title: g.name, alt: g.name});
      marker.bindPopup(() => popupFor(g), {maxWidth: 360});
      cluster.addLayer(marker);
    }
    map.addLayer(cluster);
    status.textContent = groups.size + " place(s) from " + new Set(found.items.map((m) => m.article_id)).size +
      " article(s)" + (found.complete ? "." : " (the newest pages; narrow the filters for the rest).");
  }

  document.addEventListener("DOMContentLoaded", function () {
    initDrawer();
    initChart();
    initMap();
  });
})();
