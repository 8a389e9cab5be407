// Lives inside the shadow root, so none of it reaches the host page and the
// host page's selectors cannot reach in. The z-index keeps us above sticky headers.
// --l/--r place the launcher and panel on the site's side.
// Full screen on phones covers the launcher, so the frame's own close button takes over.
export const styles =
  ':host{all:initial;--c:#4f46e5;--r:20px;--l:auto}' +
  'button{position:fixed;right:var(--r);left:var(--l);bottom:20px;z-index:2147483000;width:56px;height:56px;border:0;border-radius:50%;background:var(--c);color:#fff;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25);display:flex;align-items:center;justify-content:center;padding:0}' +
  'button:focus-visible{outline:3px solid #111;outline-offset:3px}' +
  'i{display:flex}' +
  'b{font:400 32px/1 system-ui,sans-serif}' +
  'svg{width:28px;height:28px;fill:currentColor}' +
  'span{position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;padding:0 5px;box-sizing:border-box;border-radius:10px;background:#dc2626;color:#fff;font:600 12px/20px system-ui,sans-serif;text-align:center}' +
  '[hidden]{display:none!important}' +
  'div{position:fixed;right:var(--r);left:var(--l);bottom:90px;z-index:2147483000;width:370px;height:560px;max-height:calc(100vh - 110px);max-width:calc(100vw - 40px);border-radius:12px;overflow:hidden;box-shadow:0 8px 30px rgba(0,0,0,.25);background:#fff}' +
  'iframe{border:0;width:100%;height:100%;display:block}' +
  '@media (max-width:640px){div{inset:0;width:100%;height:100%;max-width:none;max-height:none;border-radius:0}[aria-expanded=true]{display:none}}';
