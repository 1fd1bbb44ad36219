import { getStates } from "./data.js";

// Fill every <datalist> of states (the map's picker, the scenario's attacker and target).
export async function fillStateLists() {
  const lists = document.querySelectorAll("datalist#state-list, datalist#state-options");
  if (!lists.length) return;
  const states = await getStates();
  const options = states
    .filter((s) => !s.code.startsWith("COW"))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((s) => `<option value="${s.name.replace(/"/g, "&quot;")}">${s.code}</option>`)
    .join("");
  for (const l of lists) l.innerHTML = options;
}

// htmx swaps the scenario form in again: refill its datalist.
document.addEventListener("htmx:afterSwap", () => fillStateLists());
