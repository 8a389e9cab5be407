// Parts of the frame that no first paint needs (the after-chat panel today; uploads and the emoji
// picker later) are built as modules of their own under dist/lazy/ and fetched on first use, so
// the frame stays within its size budget. The frame is a classic script: import() of a URL works
// from it, and esbuild leaves a computed specifier alone instead of bundling it.
import type * as EmojiPicker from './views/emojiPicker';
import type * as AfterChat from './views/rating';

export interface LazyModules {
  afterChat: typeof AfterChat;
  emoji: typeof EmojiPicker;
}

const loaded = new Map<string, Promise<unknown>>();

/** The module, fetched once per frame; a failed fetch is tried again on the next call. */
export function lazy<K extends keyof LazyModules>(name: K): Promise<LazyModules[K]> {
  let module = loaded.get(name) as Promise<LazyModules[K]> | undefined;
  if (!module) {
    const url = `/widget/lazy/${name}.js`;
    module = import(/* a URL, not bundled */ url) as Promise<LazyModules[K]>;
    module.catch(() => loaded.delete(name));
    loaded.set(name, module);
  }
  return module;
}
