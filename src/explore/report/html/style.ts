/** The page's style: a header, the toolbar, the timeline (labels beside a sticky canvas), the panels below. */
export const STYLE = `
:root { color-scheme: light; --labels-px: 220px; --fail: #d50000; --ink: #1d2327; --muted: #5f6b73; --line: #d5dbe0; }
* { box-sizing: border-box; }
body { margin: 0; font: 13px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #fff; }
header { padding: 12px 16px 8px; border-bottom: 1px solid var(--line); }
h1 { font-size: 17px; margin: 0 0 4px; }
h2 { font-size: 14px; margin: 0 0 6px; }
h3 { font-size: 13px; margin: 0 0 4px; }
code, pre { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
#verdict { margin: 2px 0 8px; font-weight: 600; }
#verdict.failed { color: var(--fail); }
#verdict.passed { color: #2e7d32; }
#explanation { background: #fff5f5; border-left: 3px solid var(--fail); padding: 6px 10px; margin: 0 0 8px; max-height: 240px; overflow: auto; }
.copyable { display: flex; align-items: center; gap: 8px; margin: 4px 0; }
.copyable .label { color: var(--muted); min-width: 110px; }
.copyable code { background: #f3f5f7; border: 1px solid var(--line); border-radius: 4px; padding: 3px 6px; user-select: all; overflow-x: auto; white-space: pre; }
#facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 6px 0 0; }
#facts dt { color: var(--muted); }
#facts dd { margin: 0; }
button { font: inherit; cursor: pointer; }
#toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 12px; padding: 6px 16px; border-bottom: 1px solid var(--line); background: #fafbfc; }
#toolbar .hint { color: var(--muted); }
#legend { display: flex; flex-wrap: wrap; gap: 4px 12px; padding: 4px 16px; color: var(--muted); border-bottom: 1px solid var(--line); }
#legend i { display: inline-block; width: 14px; height: 10px; margin-right: 4px; vertical-align: -1px; border: 1px solid rgba(0,0,0,.15); }
#timeline { border-bottom: 1px solid var(--line); }
#axis-row { display: flex; }
#axis-corner { width: var(--labels-px); flex: none; border-right: 1px solid var(--line); background: #f5f5f5; }
#scroller { display: flex; max-height: 62vh; overflow-y: auto; overflow-x: hidden; }
#labels { width: var(--labels-px); flex: none; border-right: 1px solid var(--line); }
#plot { flex: 1; min-width: 0; height: var(--rows-px); position: relative; }
#canvas { position: sticky; top: 0; display: block; cursor: grab; touch-action: none; }
#axis { display: block; flex: 1; min-width: 0; }
.lane { padding: 0 8px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; font-size: 12px; line-height: 20px; }
.lane-schedule { background: #fff8e1; font-style: italic; }
.lane-network { background: #efebe9; font-weight: 600; }
.lane-host { background: #eceff1; font-weight: 700; }
.lane-task:nth-child(even) { background: #fafafa; }
.lane-task[data-hosted] { padding-left: 20px; }
#below { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 16px; padding: 12px 16px; }
#details pre { background: #f3f5f7; padding: 8px; max-height: 220px; overflow: auto; }
#details .related, #moment-list { padding-left: 18px; margin: 4px 0; }
#details .related button, #moment-list button { display: block; border: none; background: none; padding: 1px 0; text-align: left; color: #0d47a1; font: 12px/1.4 ui-monospace, Menlo, Consolas, monospace; }
#details .related button:hover, #moment-list button:hover { text-decoration: underline; }
.moment-failure button { color: var(--fail) !important; font-weight: 700 !important; }
.moment-fault button { color: #b71c1c !important; }
.moment-choice::marker { color: #f9a825; }
.hint { color: var(--muted); }
#moments { max-height: 320px; overflow: auto; }
#tooltip { position: fixed; z-index: 10; max-width: 520px; pointer-events: none; background: rgba(33, 33, 33, .94); color: #fff; padding: 6px 8px; border-radius: 4px; font-size: 12px; }
#tooltip[hidden] { display: none; }
#trace-text, .embed { margin: 0 16px 12px; }
#trace-text summary, .embed > h2 { cursor: pointer; font-weight: 600; }
#trace-text pre { max-height: 400px; overflow: auto; background: #f3f5f7; padding: 8px; }
.embed { border-top: 1px solid var(--line); padding-top: 10px; }
`;
