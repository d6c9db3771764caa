import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';
import { devServerUrl } from 'build-time-data';

/**
 * The Scouter page of the Dev UI: the exporter counters (ScouterTracing.stats(), over JSON-RPC, refreshed every two
 * seconds) above the Scouter dev server's own trace page (the waterfall of the recent traces: spans, kind, duration,
 * status, input/output, tags, events), embedded from the dev server Dev Services started.
 */
export class QwcScouterTraces extends LitElement {
  jsonRpc = new JsonRpc(this);

  static styles = css`
    :host { display: flex; flex-direction: column; height: 100%; gap: 8px; padding: 8px; box-sizing: border-box; }
    table { border-collapse: collapse; font-size: 0.9em; }
    th, td { padding: 2px 10px; text-align: right; border-bottom: 1px solid var(--lumo-contrast-10pct, #ddd); }
    th:first-child, td:first-child { text-align: left; }
    iframe { flex: 1; min-height: 600px; width: 100%; border: 1px solid var(--lumo-contrast-10pct, #ddd); }
    .note { color: var(--lumo-secondary-text-color, #666); }
  `;

  static properties = {
    _stats: { state: true },
    _error: { state: true },
  };

  connectedCallback() {
    super.connectedCallback();
    this._refresh();
    this._timer = setInterval(() => this._refresh(), 2000);
  }

  disconnectedCallback() {
    clearInterval(this._timer);
    super.disconnectedCallback();
  }

  _refresh() {
    this.jsonRpc.stats().then(r => { this._stats = r.result; this._error = null; })
      .catch(e => { this._error = String(e && e.message ? e.message : e); });
  }

  render() {
    return html`
      <div id="counters">
        <strong>Exporters</strong>
        ${this._error ? html`<span class="note">counters unavailable: ${this._error}</span>` : ''}
        <table>
          <thead><tr><th>exporter</th><th>exported</th><th>queued</th><th>dropped</th><th>failed</th>
            <th>retried</th><th>sampled out</th><th>shrunk</th></tr></thead>
          <tbody>
            ${(this._stats || []).map(s => html`<tr class="exporter">
              <td>${s.exporter}</td><td>${s.exported}</td><td>${s.queued}</td><td>${s.dropped}</td><td>${s.failed}</td>
              <td>${s.retried}</td><td>${s.sampledOut}</td><td>${s.shrunk}</td></tr>`)}
          </tbody>
        </table>
      </div>
      ${devServerUrl
        ? html`<div class="note">Traces from the Scouter dev server of Dev Services,
            <a href="${devServerUrl}/" target="_blank">${devServerUrl}</a>:</div>
            <iframe id="traces" title="Scouter traces" src="${devServerUrl}/"></iframe>`
        : html`<div class="note">No Scouter dev server runs (Dev Services off, or a Scouter server is configured):
            the spans go to the configured server.</div>`}
    `;
  }
}
customElements.define('qwc-scouter-traces', QwcScouterTraces);
