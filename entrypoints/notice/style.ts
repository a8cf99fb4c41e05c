/**
 * The notice's stylesheet, adopted by its shadow root (a <style> where that fails). Sits
 * bottom-right so it never covers the page's own header controls; follows the system theme; no motion.
 *
 * The host is the one element the page's styles reach, so every declaration on it is !important:
 * a page's own !important rules (say `* { all: unset; display: none !important }`) beat our normal
 * ones, but between two !important ones the shadow tree's wins. `all` also resets what the host
 * would inherit (visibility, opacity, font) and the popover's user-agent box (inset, margin,
 * border). The popover's backdrop is switched off, so a page's global `::backdrop` style cannot
 * dim the page behind the notice.
 */
export const NOTICE_CSS = `
:host {
  all: initial !important; position: fixed !important; inset: auto 16px 16px auto !important;
  z-index: 2147483647 !important; display: block !important;
}
:host::backdrop { display: none !important; }
.box {
  position: relative;
  box-sizing: border-box; width: min(360px, calc(100vw - 32px)); max-height: calc(100vh - 32px); overflow: auto;
  padding: 14px 16px 12px; border-radius: 12px; border: 1px solid #d6d3d1; border-left: 6px solid #b3261e;
  background: #fff; color: #1c1917; box-shadow: 0 6px 24px rgba(0,0,0,.18);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans KR", sans-serif;
  text-align: start; word-break: keep-all; overflow-wrap: anywhere;
}
.head { margin: 0 28px 8px 0; font-size: 15px; font-weight: 700; line-height: 1.3; }
.head::before { content: "⚠ "; color: #b3261e; }
.item { margin: 0 0 8px; }
.item p { margin: 0; }
.title { font-weight: 600; }
.count, .exposed { color: #44403c; }
.links { margin: 2px 0 6px; font-size: 12px; color: #57534e; }
.links a { color: #1d4ed8; }
.actions { display: flex; gap: 8px; margin-top: 6px; }
button { font: inherit; cursor: pointer; border-radius: 8px; }
.primary { padding: 7px 14px; border: 0; background: #b3261e; color: #fff; font-weight: 600; }
.primary:hover { background: #8c1d18; }
.close { position: absolute; top: 6px; right: 6px; width: 32px; height: 32px; border: 0; background: transparent; color: #44403c; font-size: 22px; line-height: 1; }
.close:hover { background: #f5f5f4; }
:focus-visible { outline: 3px solid #2563eb; outline-offset: 2px; }
@media (prefers-color-scheme: dark) {
  .box { background: #1c1917; color: #f5f5f4; border-color: #44403c; border-left-color: #f87171; }
  .head::before { color: #f87171; }
  .count, .exposed { color: #d6d3d1; }
  .links { color: #a8a29e; }
  .links a { color: #93c5fd; }
  .primary { background: #f87171; color: #1c1917; }
  .primary:hover { background: #fca5a5; }
  .close { color: #d6d3d1; }
  .close:hover { background: #292524; }
}
`;
