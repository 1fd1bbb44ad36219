// The world map: today's borders coloured by alliance ties at the chosen date.
import { geoNaturalEarth1, geoPath, geoGraticule10 } from "d3-geo";
import { select } from "d3-selection";
import { zoom, zoomIdentity, zoomTransform } from "d3-zoom";
import { crosswalk, getShapes, getStates, getTies } from "./data.js";

const W = 960;
const H = 500;
const SVG = "http://www.w3.org/2000/svg";

export function esc(s) {
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

async function draw(el) {
  const [features, states] = await Promise.all([getShapes(), getStates()]);
  const cw = crosswalk(states);
  const projection = geoNaturalEarth1().fitSize([W, H], { type: "Sphere" });
  const path = geoPath(projection);
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  svg.setAttribute("class", "world");
  const parts = [
    `<path class="sphere" d="${path({ type: "Sphere" })}"/>`,
    `<path class="graticule" d="${path(geoGraticule10())}"/>`,
  ];
  for (const f of features) {
    const code = cw.code(f);
    const name = code ? cw.name(code) : f.properties.name;
    parts.push(
      `<path class="country" d="${path(f)}"${code ? ` data-code="${code}"` : ""}` +
        ` data-name="${esc(name)}"><title>${esc(name)}${code ? ` (${code})` : ""}</title></path>`,
    );
  }
  svg.innerHTML = `<g class="zoom-layer">${parts.join("")}</g>`;
  el.replaceChildren(svg);
  const layer = svg.firstChild;
  const zoomer = zoom()
    .scaleExtent([1, 16])
    .translateExtent([[0, 0], [W, H]])
    .on("zoom", (e) => layer.setAttribute("transform", e.transform));
  select(svg).call(zoomer);
  const hint = document.createElement("p");
  hint.className = "map-hint";
  hint.innerHTML = 'Scroll or pinch to zoom, drag to pan. <button type="button" class="reset">Reset view</button>';
  hint.querySelector("button").addEventListener("click", () =>
    select(svg).call(zoomer.transform, zoomIdentity),
  );
  el.appendChild(hint);
  const byCode = new Map();
  for (const p of svg.querySelectorAll("path[data-code]")) byCode.set(p.dataset.code, p);
  return { svg, layer, projection, cw, byCode };
}

export async function initMap(el) {
  const m = await draw(el);
  const dateInput = document.getElementById("date");
  const yearInput = document.getElementById("year");
  const stateInput = document.getElementById("state");
  const label = document.getElementById("date-label");
  const shapeless = document.getElementById("shapeless");
  const panel = document.getElementById("state-panel");
  let state = el.dataset.state || "";
  let date = el.dataset.date;
  let drawn = 0;

  async function colour() {
    const ask = ++drawn;
    const t0 = performance.now();
    const net = await getTies(date);
    if (ask !== drawn) return; // a later date was asked for meanwhile
    for (const p of m.byCode.values()) p.setAttribute("class", "country");
    const coloured = new Map();
    if (state) {
      const mine = net.ties.filter((t) => t.a === state || t.b === state);
      for (const t of mine) coloured.set(t.a === state ? t.b : t.a, t.kinds[0]);
    } else {
      for (const [code, kind] of Object.entries(net.strongest)) coloured.set(code, kind);
    }
    for (const [code, kind] of coloured) {
      const p = m.byCode.get(code);
      if (p) p.setAttribute("class", `country ${state ? "ally" : "tied"} kind-${kind}`);
    }
    const me = m.byCode.get(state);
    if (me) me.setAttribute("class", "country selected");
    const missing = [...coloured].filter(([c]) => !m.byCode.has(c));
    if (state && !m.byCode.has(state)) missing.unshift([state, "selected"]);
    shapeless.innerHTML = missing.length
      ? `<h3>Tied on ${esc(date)} but without a shape on today's map</h3><ul>${missing
          .map(
            ([c, k]) =>
              `<li class="kind-${k}" data-code="${c}"><span class="sw ${k === "selected" ? "selected" : `kind-${k}`}"></span>` +
              ` <a href="/map?state=${c}&date=${date}">${esc(m.cw.name(c))} (${c})</a></li>`,
          )
          .join("")}</ul>`
      : "";
    el.dataset.rendered = date + "|" + state;
    el.dataset.ms = String(Math.round(performance.now() - t0));
  }

  function panelUpdate() {
    if (!state) return;
    window.htmx.ajax("GET", `/ui/allies?state=${encodeURIComponent(state)}&date=${date}`, {
      target: panel,
      swap: "innerHTML",
    });
  }

  function remember() {
    const q = new URLSearchParams({ date });
    if (state) q.set("state", state);
    history.replaceState(null, "", `/map?${q}`);
    label.textContent = date;
  }

  function setDate(d, { panel: refresh = true } = {}) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return;
    date = d;
    dateInput.value = d;
    yearInput.value = d.slice(0, 4);
    remember();
    colour();
    if (refresh) panelUpdate();
  }

  function setState(code) {
    state = code;
    stateInput.value = code ? m.cw.name(code) : "";
    remember();
    colour();
    panelUpdate();
  }

  dateInput.addEventListener("change", () => setDate(dateInput.value));
  let pending = null;
  yearInput.addEventListener("input", () => {
    const today = new Date().toISOString().slice(0, 10);
    let d = `${yearInput.value}${date.slice(4)}`;
    if (d > today) d = today;
    if (d.endsWith("-02-29")) d = d.slice(0, 8) + "28";
    dateInput.value = d;
    if (pending) cancelAnimationFrame(pending);
    pending = requestAnimationFrame(() => setDate(d, { panel: false }));
  });
  yearInput.addEventListener("change", () => panelUpdate());
  stateInput.addEventListener("change", () => {
    const text = stateInput.value.trim().toLowerCase();
    const hit = [...m.cw.drawn, ...m.byCode.keys()].find(
      (c) => c.toLowerCase() === text || m.cw.name(c).toLowerCase() === text,
    );
    if (hit) setState(hit);
  });
  document.getElementById("map-controls").addEventListener("submit", (e) => {
    const text = stateInput.value.trim().toLowerCase();
    const hit = [...m.byCode.keys()].find(
      (c) => c.toLowerCase() === text || m.cw.name(c).toLowerCase() === text,
    );
    if (hit || !text) {
      e.preventDefault();
      setDate(dateInput.value, { panel: false });
      setState(hit || "");
    } // otherwise the server resolves the name (historical states, codes, COW numbers)
  });
  m.svg.addEventListener("click", (e) => {
    const code = e.target.dataset && e.target.dataset.code;
    if (code) setState(code);
  });
  shapeless.addEventListener("click", (e) => {
    const li = e.target.closest("li[data-code]");
    if (li) {
      e.preventDefault();
      setState(li.dataset.code);
    }
  });
  panel.addEventListener("click", (e) => {
    const a = e.target.closest("li[data-ally] a.ally-link");
    if (a) {
      e.preventDefault();
      setState(a.closest("li").dataset.ally);
    }
  });
  await colour();
  window.casusMap = { setDate, setState };
}

// The scenario page's map: a click sets the place to "lat,lon".
export async function initPickMap(el) {
  const m = await draw(el);
  m.svg.addEventListener("click", (e) => {
    const pt = m.svg.createSVGPoint();
    pt.x = e.clientX;
    pt.y = e.clientY;
    const screen = pt.matrixTransform(m.svg.getScreenCTM().inverse());
    const [x, y] = zoomTransform(m.svg).invert([screen.x, screen.y]);
    const ll = m.projection.invert([x, y]);
    if (!ll || !Number.isFinite(ll[0])) return;
    const [lon, lat] = ll;
    const input = document.getElementById("f-place");
    if (input) {
      input.value = `${lat.toFixed(4)},${lon.toFixed(4)}`;
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }
    let dot = m.svg.querySelector("circle.picked");
    if (!dot) {
      dot = document.createElementNS(SVG, "circle");
      dot.setAttribute("class", "picked");
      dot.setAttribute("r", "4");
      m.layer.appendChild(dot);
    }
    dot.setAttribute("cx", x);
    dot.setAttribute("cy", y);
    dot.setAttribute("r", String(4 / zoomTransform(m.svg).k));
  });
}
