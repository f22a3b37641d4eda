/**
 * The widget's styles, scoped by its shadow root: the host page's CSS cannot reach in and these
 * rules cannot leak out. `:host { all: initial }` also stops inherited properties (font, colour,
 * line height) of the page from flowing in.
 */
export const css = `
:host { all: initial; }
[hidden] { display: none !important; }
* { box-sizing: border-box; }

.root {
  --accent: #4f46e5;
  --accent-dark: #4338ca;
  --accent-soft: #eef2ff;
  --ink: #0f172a;
  --muted: #475569;
  --line: #e2e8f0;
  --surface: #ffffff;
  --canvas: #f8fafc;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 15px;
  line-height: 1.45;
  color: var(--ink);
  -webkit-font-smoothing: antialiased;
}

button, input, textarea { font: inherit; color: inherit; margin: 0; }
button { cursor: pointer; }
button:disabled { cursor: default; opacity: 0.6; }

/* Visible focus on any background: a white ring inside a dark one. The transparent outline
   shows in forced-colours modes, where box shadows are not drawn. */
:focus-visible {
  outline: 2px solid transparent;
  box-shadow: 0 0 0 2px #ffffff, 0 0 0 4px #1e1b4b;
}

.visually-hidden {
  position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}

svg { width: 24px; height: 24px; fill: currentColor; flex: none; }

.launcher {
  position: fixed; right: 20px; bottom: 20px; z-index: 2147483000;
  width: 60px; height: 60px; border: 0; border-radius: 50%;
  display: flex; align-items: center; justify-content: center;
  background: var(--accent); color: #ffffff;
  box-shadow: 0 10px 25px -5px rgba(79, 70, 229, 0.5), 0 4px 10px -4px rgba(15, 23, 42, 0.3);
  transition: transform 0.15s ease, background 0.15s ease;
}
.launcher:hover { background: var(--accent-dark); transform: scale(1.05); }
.launcher svg { width: 28px; height: 28px; }

.pane {
  position: fixed; right: 20px; bottom: 92px; z-index: 2147483000;
  width: 380px; height: min(640px, calc(100vh - 116px));
  display: flex; flex-direction: column; overflow: hidden;
  background: var(--surface); border-radius: 18px;
  box-shadow: 0 24px 48px -12px rgba(15, 23, 42, 0.35), 0 0 0 1px rgba(15, 23, 42, 0.06);
  animation: rise 0.18s ease-out;
}
@keyframes rise { from { opacity: 0; transform: translateY(12px); } to { opacity: 1; transform: none; } }

.header {
  display: flex; align-items: center; gap: 12px; padding: 14px 10px 14px 18px;
  background: linear-gradient(135deg, var(--accent) 0%, #7c3aed 100%); color: #ffffff;
}
.header-text { flex: 1; min-width: 0; }
.title { margin: 0; font-size: 17px; font-weight: 650; line-height: 1.3; }
.subtitle { margin: 2px 0 0; font-size: 13px; opacity: 0.9; }
.icon-button {
  width: 44px; height: 44px; border: 0; border-radius: 12px; flex: none;
  display: flex; align-items: center; justify-content: center;
  background: transparent; color: inherit;
}
.icon-button:hover { background: rgba(255, 255, 255, 0.16); }

.log {
  flex: 1; overflow-y: auto; padding: 18px 14px;
  display: flex; flex-direction: column; gap: 8px;
  background: var(--canvas);
}
.bubble {
  max-width: 82%; margin: 0; padding: 9px 14px; border-radius: 18px;
  white-space: pre-wrap; overflow-wrap: anywhere;
}
.bubble.user { align-self: flex-end; background: var(--accent); color: #ffffff; border-bottom-right-radius: 6px; }
.bubble.assistant {
  align-self: flex-start; background: var(--surface); color: var(--ink);
  border: 1px solid var(--line); border-bottom-left-radius: 6px;
}
/* A person of the team: warm colours and their name, never mistaken for the assistant. */
.bubble.agent {
  align-self: flex-start; background: #fff7ed; color: var(--ink);
  border: 1px solid #fdba74; border-left: 4px solid #c2410c; border-bottom-left-radius: 6px;
}
.author { display: block; margin-bottom: 2px; font-size: 13px; font-weight: 700; color: #9a3412; }

.note {
  align-self: center; display: flex; align-items: center; gap: 8px; margin: 6px 0;
  padding: 8px 14px; border-radius: 999px; font-size: 14px; font-weight: 550;
  background: #ecfdf5; color: #065f46; border: 1px solid #a7f3d0;
}
.note svg { width: 20px; height: 20px; }
.note.joined { background: #fff7ed; color: #9a3412; border-color: #fdba74; }

.offer {
  align-self: stretch; margin: 4px 0; padding: 12px; border-radius: 14px;
  background: var(--surface); border: 1px solid #c7d2fe;
  display: flex; flex-direction: column; gap: 10px;
}
.offer > p { margin: 0; font-size: 14px; color: var(--muted); }
.reply-offer { align-self: flex-start; width: min(82%, 280px); }

.notice {
  margin: 0; padding: 9px 14px; font-size: 13.5px;
  background: #fef2f2; color: #991b1b; border-top: 1px solid #fecaca;
}

.composer {
  display: flex; align-items: flex-end; gap: 8px; padding: 12px 12px 10px;
  background: var(--surface); border-top: 1px solid var(--line);
}
.composer textarea {
  flex: 1; min-width: 0; min-height: 44px; max-height: 120px; resize: none;
  padding: 11px 14px; border: 1px solid #cbd5e1; border-radius: 22px; background: var(--surface);
}
.send {
  width: 44px; height: 44px; border: 0; border-radius: 50%; flex: none;
  display: flex; align-items: center; justify-content: center;
  background: var(--accent); color: #ffffff;
}
.send:hover:not(:disabled) { background: var(--accent-dark); }
.send svg { width: 20px; height: 20px; }

.handoff-bar { padding: 0 12px 12px; background: var(--surface); }
.team-status {
  margin: 0; min-height: 44px; padding: 10px 16px; border-radius: 14px;
  display: flex; align-items: center; justify-content: center; gap: 8px;
  background: #fff7ed; color: #9a3412; border: 1px solid #fdba74;
  font-size: 14px; font-weight: 600; text-align: center;
}
.team-status svg { width: 20px; height: 20px; }
.contact {
  width: 100%; min-height: 44px; padding: 10px 16px; border-radius: 14px;
  display: flex; align-items: center; justify-content: center; gap: 8px;
  border: 1px solid #c7d2fe; background: var(--accent-soft); color: var(--accent-dark);
  font-weight: 600;
}
.contact:hover { background: #e0e7ff; }
.contact svg { width: 20px; height: 20px; }

.dialog-layer {
  position: absolute; inset: 0; z-index: 1;
  display: flex; align-items: flex-end;
  background: rgba(15, 23, 42, 0.45);
}
.dialog {
  width: 100%; max-height: 100%; overflow-y: auto; padding: 20px 18px 18px;
  background: var(--surface); border-radius: 18px 18px 0 0;
  box-shadow: 0 -12px 32px -12px rgba(15, 23, 42, 0.35);
  animation: rise 0.18s ease-out;
}
.dialog h3 { margin: 0 0 4px; font-size: 18px; font-weight: 650; }
.dialog .intro { margin: 0 0 16px; font-size: 14px; color: var(--muted); }
.field { display: flex; flex-direction: column; gap: 6px; margin-bottom: 14px; }
.field label { font-size: 14px; font-weight: 600; }
.field input, .field textarea {
  width: 100%; min-height: 44px; padding: 10px 12px;
  border: 1px solid #cbd5e1; border-radius: 12px; background: var(--surface);
}
.field textarea { min-height: 96px; resize: vertical; }
.field [aria-invalid="true"] { border-color: #dc2626; }
.field-error { margin: 0; font-size: 13px; color: #b91c1c; }
.counter { margin: 0; font-size: 12px; color: var(--muted); text-align: right; }
.form-error {
  margin: 0 0 14px; padding: 9px 12px; border-radius: 10px; font-size: 13.5px;
  background: #fef2f2; color: #991b1b; border: 1px solid #fecaca;
}
.actions { display: flex; justify-content: flex-end; gap: 8px; flex-wrap: wrap; }
.actions button { min-height: 44px; min-width: 44px; padding: 10px 18px; border-radius: 12px; font-weight: 600; }
.primary { border: 0; background: var(--accent); color: #ffffff; }
.primary:hover:not(:disabled) { background: var(--accent-dark); }
.secondary { border: 1px solid #cbd5e1; background: var(--surface); color: var(--ink); }

@media (max-width: 480px) {
  .pane { left: 8px; right: 8px; bottom: 84px; width: auto; height: calc(100vh - 100px); }
  .launcher { right: 12px; bottom: 12px; }
}

@media (prefers-reduced-motion: reduce) {
  .pane, .dialog { animation: none; }
  .launcher { transition: none; }
}
`;
