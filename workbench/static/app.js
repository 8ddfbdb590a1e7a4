// The workbench's only script: live progress of a comparison, the
// interactive levers, and small conveniences. Every page works without it,
// except that a running comparison's progress then needs a reload.
"use strict";

// A running comparison: follow its progress; reload when it ends. Closing
// the page closes the stream, which tells the server to stop the job.
(function () {
  const job = document.getElementById("job");
  if (!job || job.dataset.state !== "running") return;
  const bar = document.getElementById("progress");
  const text = document.getElementById("progress-text");
  const events = new EventSource("/jobs/" + job.dataset.id + "/events");
  events.addEventListener("progress", (e) => {
    const s = JSON.parse(e.data);
    bar.value = s.Done;
    text.textContent = s.Done + " of " + s.Total + " replications, " + s.Seconds.toFixed(0) + " s";
  });
  events.addEventListener("end", () => {
    events.close();
    location.reload();
  });
})();

// The levers: every change re-runs the interactive comparison; a newer
// change aborts the request before it, which cancels its simulation.
(function () {
  const form = document.getElementById("explore");
  if (!form) return;
  const result = document.getElementById("explore-result");
  let running = null;
  async function run() {
    if (running) running.abort();
    running = new AbortController();
    const query = new URLSearchParams(new FormData(form)).toString();
    result.classList.add("running");
    const note = document.createElement("p");
    note.className = "running";
    note.textContent = "Comparing…";
    result.prepend(note);
    try {
      const resp = await fetch("/explore/result?" + query, { signal: running.signal });
      result.innerHTML = await resp.text();
      history.replaceState(null, "", "/explore?" + query);
    } catch (err) {
      if (err.name !== "AbortError") note.textContent = "The comparison failed: " + err.message;
      return;
    }
    result.classList.remove("running");
  }
  form.addEventListener("input", (e) => {
    const out = document.getElementById("out-" + e.target.name);
    if (out) out.value = e.target.value;
  });
  form.addEventListener("change", (e) => {
    // Other scenarios: start again from their own values, which the
    // server puts on the levers.
    if (e.target.closest("#explore-scenarios")) {
      const q = new URLSearchParams();
      new FormData(form).forEach((v, k) => {
        if ((k === "scenario" && v !== "") || ["baseline", "metric", "gmetric", "by", "at", "groups"].includes(k)) q.append(k, v);
      });
      location.assign("/explore?" + q.toString());
      return;
    }
    run();
  });
  // Who gains' choices, in the result, belong to the form (form="explore").
  result.addEventListener("change", (e) => {
    if (e.target.form === form) run();
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    run();
  });
  // The first comparison, at the built-in values, without waiting for a lever.
  if (!result.querySelector("table")) run();
})();

// A select that shows a new measure as soon as it is chosen.
document.querySelectorAll("select[data-autosubmit]").forEach((s) =>
  s.addEventListener("change", () => s.form.submit()));

// "Back" links go back when there is somewhere to go.
document.querySelectorAll("a[data-back]").forEach((a) =>
  a.addEventListener("click", (e) => {
    if (history.length > 1) {
      e.preventDefault();
      history.back();
    }
  }));
