// The report's stylesheet, inlined so the file stays self-contained (no fonts or assets fetched).
export const reportStyle = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: #1d1f23; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; font-variant-numeric: tabular-nums; }
main { max-width: 1480px; margin: 0 auto; padding: 24px 32px 64px; }
h1 { font-size: 26px; margin: 0; letter-spacing: -0.01em; display: flex; align-items: center; gap: 14px; flex-wrap: wrap; }
h2 { font-size: 18px; margin: 34px 0 10px; padding-bottom: 4px; border-bottom: 1px solid #d8dbe0; }
.badge { font-size: 15px; font-weight: 800; letter-spacing: 0.06em; color: #fff; border-radius: 6px; padding: 4px 12px; }
.badge.pass { background: #009E73; } .badge.fail { background: #D55E00; }
.badge.inconclusive, .badge.aborted, .badge.interrupted, .badge.invalid { background: #5f5f5f; }
.meta { color: #555; margin: 6px 0 0; font-size: 14px; }
.meta b { color: #1d1f23; font-weight: 600; }
.callout { margin: 16px 0 0; padding: 10px 14px; border-left: 5px solid #5f5f5f; background: #f4f5f7; border-radius: 4px; }
.callout.fail { border-color: #D55E00; background: #fdf0e8; }
.callout.pass { border-color: #009E73; background: #eaf6f1; }
.callout .what { font-weight: 700; }
.counts { margin: 10px 0 0; color: #444; font-size: 14px; }
.counts span { margin-right: 16px; }
.timings { display: grid; grid-template-columns: minmax(150px, max-content) minmax(260px, 520px) minmax(220px, 1fr); gap: 6px 18px; align-items: center; margin-top: 8px; }
.timings .label { font-weight: 600; }
.timings .label small { display: block; font-weight: 400; color: #666; font-size: 12px; max-width: 340px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.timings .value { font-size: 14px; }
.timings .value.fail { color: #B34700; font-weight: 700; }
.timings .value.pass { color: #00704f; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 8px 0 10px; font-size: 13px; color: #333; }
.legend span { display: inline-flex; align-items: center; gap: 6px; }
.swatch { display: inline-block; width: 22px; height: 12px; border-radius: 2px; border: 1px solid rgba(0,0,0,0.15); }
.legend svg { vertical-align: middle; }
.timeline-wrap { border: 1px solid #d8dbe0; border-radius: 6px; padding: 6px 4px; overflow-x: auto; }
svg.timeline { display: block; min-width: 1100px; }
svg .tick { font-size: 12px; fill: #555; }
svg .axis-title { font-size: 11px; fill: #888; }
svg .section-title { font-size: 14px; font-weight: 700; fill: #1d1f23; }
svg .row-title { font-size: 12px; font-weight: 600; fill: #444; }
svg .note { font-size: 12px; fill: #666; }
svg .step-label { font-size: 11.5px; fill: #333; }
svg .exp-label { font-size: 12.5px; }
svg .exp-label.fail { font-weight: 700; }
svg .window-text { font-size: 11px; fill: #1d4f73; }
svg .miss-label { font-size: 13.5px; font-weight: 800; }
svg .glyph { font-size: 11px; font-weight: 800; fill: #fff; pointer-events: none; }
svg .lane-label { fill: #1d1f23; }
svg .lane-count { fill: #666; }
svg .band:hover, svg .window:hover, svg .vm-count rect:hover { stroke: #000; stroke-width: 1.2; }
table { border-collapse: collapse; width: 100%; font-size: 13.5px; }
th, td { text-align: left; padding: 5px 10px; border-bottom: 1px solid #e6e8eb; vertical-align: top; }
th { background: #f4f5f7; font-weight: 600; position: sticky; top: 0; }
tr.fail td { background: #fdf0e8; }
td.verdict { font-weight: 700; white-space: nowrap; }
td.verdict.pass { color: #00704f; } td.verdict.fail { color: #B34700; } td.verdict.inconclusive, td.verdict.skipped { color: #666; }
td.time { white-space: nowrap; color: #444; }
details { margin: 8px 0; }
details > summary { cursor: pointer; font-weight: 600; padding: 4px 0; }
details details { margin-left: 16px; }
details details > summary { font-weight: 500; }
dl.run-info { display: grid; grid-template-columns: max-content 1fr; gap: 3px 18px; font-size: 14px; margin: 0; }
dl.run-info dt { color: #555; } dl.run-info dd { margin: 0; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.92em; }
footer { margin-top: 40px; color: #777; font-size: 12px; }
`;
