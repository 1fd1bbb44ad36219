// Shared, cached fetches: the shapes, the state crosswalk and ties per date.
import { feature } from "topojson-client";

let shapes, states;
const ties = new Map();

async function json(url) {
  const r = await fetch(url);
  const body = await r.json();
  if (!r.ok) throw new Error(body.message || `${r.status} ${url}`);
  return body;
}

export function getShapes() {
  shapes ??= json("/static/countries-50m.json").then(
    (topo) => feature(topo, topo.objects.countries).features,
  );
  return shapes;
}

export function getStates() {
  states ??= json("/states");
  return states;
}

export function getTies(date) {
  if (!ties.has(date)) {
    const p = json(`/ties?date=${encodeURIComponent(date)}`);
    p.catch(() => ties.delete(date));
    ties.set(date, p);
  }
  return ties.get(date);
}

// world-atlas feature -> casus state code, through the /states crosswalk (docs/web.md).
export function crosswalk(stateList) {
  const byShape = new Map();
  const names = new Map();
  for (const s of stateList) {
    if (s.shape) byShape.set(s.shape, s.code);
    names.set(s.code, s.name);
  }
  return {
    code: (f) => byShape.get(f.id) ?? byShape.get(`name:${f.properties.name}`) ?? null,
    name: (code) => names.get(code) ?? code,
    drawn: new Set(byShape.values()),
  };
}
