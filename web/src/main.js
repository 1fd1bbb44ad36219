// casus' pages: htmx for partial answers, and the map and network drawings.
import htmx from "htmx.org";
import { initMap, initPickMap } from "./map.js";
import { initNetwork } from "./network.js";
import { initReader } from "./reader.js";
import { fillStateLists } from "./states.js";

window.htmx = htmx;
// Bad input answers 4xx with a readable message: swap it in like any answer.
htmx.config.responseHandling = [
  { code: "204", swap: false },
  { code: "[23]..", swap: true },
  { code: "4..", swap: true, error: false },
  { code: "...", swap: false, error: true },
];

function start() {
  const page = document.body.dataset.page;
  fillStateLists();
  if (page === "map") initMap(document.getElementById("map"));
  if (page === "scenario") initPickMap(document.getElementById("pick-map"));
  if (page === "network") initNetwork(document.getElementById("network"));
  if (page === "reader") initReader();
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
