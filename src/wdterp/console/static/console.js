// The console's live parts: the call log polls for new rows, the explorer sends a call, ops filter.
"use strict";

function csrfToken() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.content : "";
}

function cell(text, href) {
  const td = document.createElement("td");
  if (href) {
    const a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    td.appendChild(a);
  } else {
    td.textContent = text;
  }
  return td;
}

function liveCalls(table) {
  const body = table.querySelector("tbody");
  let last = Math.max(0, ...[...body.querySelectorAll("tr")].map((tr) => Number(tr.dataset.id)));
  async function poll() {
    try {
      const response = await fetch(`${table.dataset.feed}&after=${last}`, { credentials: "same-origin" });
      if (response.ok) {
        const { rows } = await response.json();
        for (const r of rows.reverse()) {
          const tr = document.createElement("tr");
          tr.dataset.id = r.id;
          tr.className = (r.status === 0 ? "ok" : "failed") + " fresh";
          tr.append(cell(r.time, `/console/calls/${r.request_id}`), cell(`${r.sid}/${r.key}`), cell(r.method),
                    cell(String(r.status)), cell(r.row), cell(r.message), cell(String(r.latency_ms)));
          body.prepend(tr);
          last = Math.max(last, r.id);
          const empty = document.getElementById("no-calls");
          if (empty) empty.remove();
        }
      }
    } catch (e) { /* the next poll tries again */ }
    setTimeout(poll, 1000);
  }
  setTimeout(poll, 1000);
}

function explorer(form) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const [sid, key] = String(data.get("app") || " ").split(" ");
    data.set("sid", sid);
    data.set("key", key);
    data.delete("app");
    const response = await fetch(form.dataset.send, {
      method: "POST", body: data, credentials: "same-origin", headers: { "X-CSRF-Token": csrfToken() },
    });
    const answer = await response.json();
    const section = document.getElementById("answer");
    section.hidden = false;
    document.getElementById("envelope").textContent = JSON.stringify(answer.envelope || answer, null, 2);
    const link = document.getElementById("answer-link");
    link.hidden = !answer.request_id;
    if (answer.request_id) link.href = `/console/calls/${answer.request_id}`;
  });
}

function opFilter(input) {
  input.addEventListener("input", () => {
    const needle = input.value.toLowerCase();
    for (const op of document.querySelectorAll("details.op")) {
      op.hidden = needle !== "" && !op.textContent.toLowerCase().includes(needle);
    }
  });
}

document.addEventListener("DOMContentLoaded", () => {
  const calls = document.getElementById("calls");
  if (calls) liveCalls(calls);
  const form = document.getElementById("explorer-form");
  if (form) explorer(form);
  const filter = document.getElementById("op-filter");
  if (filter) opFilter(filter);
});
