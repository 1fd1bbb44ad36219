// The alliance network at a date: states as nodes, ties as lines coloured by kind.
import { forceCenter, forceLink, forceManyBody, forceSimulation, forceX, forceY } from "d3-force";
import { getStates, getTies } from "./data.js";
import { esc } from "./map.js";

const W = 900;
const H = 640;

export async function initNetwork(el) {
  const [net, states] = await Promise.all([getTies(el.dataset.date), getStates()]);
  const names = new Map(states.map((s) => [s.code, s.name]));
  const treatyNames = new Map(net.treaties.map((t) => [t.id, t.name]));
  if (!net.ties.length) {
    el.innerHTML = `<p class="empty">No alliance in the registry ties two states on ${esc(net.date)}. casus' own registry starts with the treaties it has curated; start the server with <code>--atop DIR</code> for every ATOP alliance since 1815.</p>`;
    el.dataset.rendered = "1";
    return;
  }
  const nodes = [...new Set(net.ties.flatMap((t) => [t.a, t.b]))].map((id) => ({ id }));
  const links = net.ties.map((t) => ({ source: t.a, target: t.b, tie: t }));
  const sim = forceSimulation(nodes)
    .force("link", forceLink(links).id((d) => d.id).distance(40).strength(0.05))
    .force("charge", forceManyBody().strength(-Math.max(40, 4000 / nodes.length)))
    .force("center", forceCenter(W / 2, H / 2))
    .force("x", forceX(W / 2).strength(0.04))
    .force("y", forceY(H / 2).strength(0.06))
    .stop();
  for (let i = 0; i < 250; i++) sim.tick();
  // fit the drawing to the frame, whatever the number of states
  const xs = nodes.map((n) => n.x);
  const ys = nodes.map((n) => n.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const k = Math.min((W - 60) / Math.max(x1 - x0, 1), (H - 40) / Math.max(y1 - y0, 1), 3);
  for (const n of nodes) {
    n.x = 20 + (n.x - x0) * k + (W - 60 - (x1 - x0) * k) / 2;
    n.y = 20 + (n.y - y0) * k + (H - 40 - (y1 - y0) * k) / 2;
  }
  const lines = links
    .map((l) => {
      const t = l.tie;
      const title = `${names.get(t.a) ?? t.a} – ${names.get(t.b) ?? t.b}: ${t.treaties
        .map((x) => treatyNames.get(x.treaty) ?? x.treaty)
        .join("; ")}`;
      return (
        `<a href="/treaty/${t.treaties[0].treaty}" class="edge-link">` +
        `<line class="edge kind-${t.kinds[0]}" x1="${l.source.x.toFixed(1)}" y1="${l.source.y.toFixed(1)}"` +
        ` x2="${l.target.x.toFixed(1)}" y2="${l.target.y.toFixed(1)}" data-treaty="${t.treaties[0].treaty}">` +
        `<title>${esc(title)}</title></line></a>`
      );
    })
    .join("");
  const dots = nodes
    .map(
      (n) =>
        `<a href="/map?state=${n.id}&amp;date=${el.dataset.date}" class="node-link">` +
        `<circle class="node" cx="${n.x.toFixed(1)}" cy="${n.y.toFixed(1)}" r="5" data-code="${n.id}">` +
        `<title>${esc(names.get(n.id) ?? n.id)} (${n.id})</title></circle>` +
        `<text class="node-label" x="${(n.x + 6).toFixed(1)}" y="${(n.y + 3).toFixed(1)}">${n.id}</text></a>`,
    )
    .join("");
  el.innerHTML =
    `<svg viewBox="0 0 ${W} ${H}" class="graph" role="img" aria-label="alliance network">` +
    `<g class="edges">${lines}</g><g class="nodes">${dots}</g></svg>`;
  el.dataset.rendered = "1";
}
