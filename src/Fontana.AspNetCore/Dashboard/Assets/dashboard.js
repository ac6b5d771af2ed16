// Fontana provider dashboard: polls {dashboard}/api/stats with the key the page was opened with.
"use strict";
(() => {
  const key = new URLSearchParams(location.search).get("key") || "";
  const base = location.pathname.endsWith("/") ? location.pathname : location.pathname + "/";
  const esc = (t) => String(t).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  const tia = (utia) => {
    const v = BigInt(utia), whole = v / 1000000n, frac = (v % 1000000n).toString().padStart(6, "0").replace(/0+$/, "");
    return whole.toLocaleString("en-US") + (frac ? "." + frac : "") + " TIA";
  };
  const ms = (v) => (v === null || v === undefined ? "—" : v.toFixed(2) + " ms");
  const rows = (items, render, cols) => items.length ? items.map(render).join("") : `<tr><td colspan="${cols}" class="muted">none yet</td></tr>`;

  const sessions = (x) => `
      <h2>Payment sessions</h2>
      <div class="cards">
        <div class="card"><div class="label">open / closed</div><div class="value" data-testid="sessions-open">${x.open} / ${x.closed}</div></div>
        <div class="card"><div class="label">charged</div><div class="value" data-testid="sessions-charged">${tia(x.chargedUtia)}</div></div>
        <div class="card"><div class="label">claimed</div><div class="value">${tia(x.claimedUtia)}</div></div>
        <div class="card"><div class="label">to claim</div><div class="value">${tia(x.unclaimedUtia)}</div></div>
      </div>
      <table data-testid="sessions"><thead><tr><th>session</th><th>payer</th><th>deposit</th><th>charged</th><th>in flight</th><th>claimed</th><th>expires</th></tr></thead><tbody>
      ${rows(x.sessions, (o) => `<tr><td class="mono">${esc(o.id.slice(0, 16))}…</td><td class="mono">${esc(o.payer)}</td><td>${tia(o.depositUtia)}</td><td>${tia(o.chargedUtia)}</td><td>${tia(o.reservedUtia)}</td><td>${tia(o.claimedUtia)}</td><td>${esc(o.expiresAt.slice(0, 19))}Z</td></tr>`, 7)}
      </tbody></table>`;

  const render = (s) => {
    document.getElementById("view").innerHTML = `
      <div class="cards">
        <div class="card"><div class="label">paid calls</div><div class="value" data-testid="paid">${s.paid}</div></div>
        <div class="card"><div class="label">revenue</div><div class="value" data-testid="revenue">${tia(s.revenueUtia)}</div></div>
        <div class="card"><div class="label">refused</div><div class="value" data-testid="refused">${s.refused}</div></div>
        <div class="card"><div class="label">free</div><div class="value">${s.free}</div></div>
        <div class="card"><div class="label">rate-limited</div><div class="value">${s.rateLimited}</div></div>
        <div class="card"><div class="label">settle p50 / p99</div><div class="value" style="font-size:1rem">${ms(s.settle.p50Ms)} / ${ms(s.settle.p99Ms)}</div></div>
      </div>
      <h2>By route</h2>
      <table data-testid="routes"><thead><tr><th>route</th><th>paid</th><th>refused</th><th>free</th><th>429</th><th>revenue</th></tr></thead><tbody>
      ${rows(s.routes, (r) => `<tr><td class="mono">${esc(r.route)}</td><td>${r.paid}</td><td>${r.refused}</td><td>${r.free}</td><td>${r.rateLimited}</td><td>${tia(r.revenueUtia)}</td></tr>`, 6)}
      </tbody></table>
      <h2>Refused, by reason</h2>
      <table data-testid="reasons"><tbody>${rows(Object.entries(s.refusedByReason), ([k, v]) => `<tr><td class="mono">${esc(k)}</td><td>${v}</td></tr>`, 2)}</tbody></table>
      <h2>Revenue by day (UTC)</h2>
      <table><tbody>${rows(s.revenueByDay, (d) => `<tr><td>${esc(d.day)}</td><td>${tia(d.revenueUtia)}</td></tr>`, 2)}</tbody></table>
      <h2>Top payers</h2>
      <table data-testid="payers"><thead><tr><th>payer</th><th>calls</th><th>paid</th></tr></thead><tbody>
      ${rows(s.topPayers, (p) => `<tr><td class="mono">${esc(p.payer)}</td><td>${p.calls}</td><td>${tia(p.utia)}</td></tr>`, 3)}</tbody></table>
      ${s.sessions ? sessions(s.sessions) : ""}`;
    document.getElementById("updated").textContent = "· updated " + new Date().toISOString().slice(11, 19) + " UTC";
  };

  const poll = async () => {
    try {
      const response = await fetch(base + "api/stats", { headers: { Authorization: "Bearer " + key } });
      if (response.ok) render(await response.json());
      else document.getElementById("view").innerHTML = `<p>HTTP ${response.status}: ${esc((await response.json()).detail || "")}</p>`;
    } finally {
      setTimeout(poll, 2000);
    }
  };
  poll();
})();
