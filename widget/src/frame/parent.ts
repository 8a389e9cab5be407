import { acceptMessage } from '../shared/guard';
import { readLoaderMessage, type FrameToLoader, type LoaderToFrame } from '../shared/messages';

function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/**
 * The link to the loader on the host page. We never post to '*': the target
 * is the embedding page's origin, known from our referrer (the loader asks for
 * it) or, failing that, from the parent's first message. Until then we stay quiet.
 */
export class ParentChannel {
  private origin: string | null;
  private readonly parent: Window | null;

  constructor(referrer: string = document.referrer) {
    this.parent = window.parent !== window ? window.parent : null;
    this.origin = originOf(referrer);
  }

  post(message: FrameToLoader): void {
    if (this.parent && this.origin) this.parent.postMessage(message, this.origin);
  }

  listen(handle: (message: LoaderToFrame) => void): void {
    window.addEventListener('message', (event) => {
      const message = acceptMessage(event, this.origin, this.parent, readLoaderMessage);
      if (!message) return;
      // The frame-ancestors policy already limits who can embed us, so the first parent that speaks is the embedder.
      this.origin ??= event.origin;
      handle(message);
    });
  }
}
