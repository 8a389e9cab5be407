// Enter sends, Shift+Enter inserts a newline. Blazor cannot cancel a key's default action
// conditionally, so this stops the newline here while the component's keydown handler sends.
// While canned-reply suggestions are open, the arrows, Tab and Escape drive the list instead
// of moving the caret or the focus.
document.addEventListener("keydown", (event) => {
  const target = event.target;
  if (!(target instanceof HTMLElement) || !target.hasAttribute("data-enter-sends")) {
    return;
  }
  // isComposing: Enter that confirms an IME composition must not send.
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
  }
  if (target.getAttribute("data-suggesting") === "true" && ["ArrowUp", "ArrowDown", "Tab", "Escape"].includes(event.key)) {
    event.preventDefault();
  }
}, true);

// The console page's bridge: keyboard shortcuts, the tab's visibility, notifications.
window.chatConsole = (() => {
  let detach = null;
  let audio = null;

  function isTextField(element) {
    return element instanceof HTMLElement
      && (element.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(element.tagName));
  }

  function matches(shortcut, event) {
    if (shortcut.alt !== event.altKey || event.ctrlKey || event.metaKey) {
      return false;
    }
    if (!shortcut.inText && isTextField(event.target)) {
      return false;
    }
    return shortcut.code ? event.code === shortcut.code : event.key === shortcut.key;
  }

  // A short two-note chime made on the spot, so there is no sound file to serve or cache.
  function chime() {
    try {
      audio = audio || new AudioContext();
      const now = audio.currentTime;
      [660, 880].forEach((frequency, i) => {
        const tone = audio.createOscillator();
        const gain = audio.createGain();
        tone.frequency.value = frequency;
        gain.gain.setValueAtTime(0.0001, now + i * 0.15);
        gain.gain.exponentialRampToValueAtTime(0.2, now + i * 0.15 + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.15 + 0.14);
        tone.connect(gain).connect(audio.destination);
        tone.start(now + i * 0.15);
        tone.stop(now + i * 0.15 + 0.15);
      });
    } catch {
      // No sound is better than a broken console.
    }
  }

  return {
    /** Starts listening for the page: shortcuts go to OnShortcutAsync, visibility to OnVisibilityChangedAsync. */
    attach(page, shortcuts) {
      if (detach) {
        detach();
      }
      const onKey = (event) => {
        const shortcut = shortcuts.find((s) => matches(s, event));
        if (shortcut) {
          event.preventDefault();
          page.invokeMethodAsync("OnShortcutAsync", shortcut.action);
        }
      };
      const onVisibility = () => page.invokeMethodAsync("OnVisibilityChangedAsync", document.visibilityState === "visible");
      // Browsers let a page play sound only after the person interacted with it.
      const unlock = () => {
        try {
          audio = audio || new AudioContext();
          audio.resume();
        } catch {
          // Sound stays off.
        }
      };
      document.addEventListener("keydown", onKey);
      document.addEventListener("visibilitychange", onVisibility);
      document.addEventListener("pointerdown", unlock, { once: true });
      document.addEventListener("keydown", unlock, { once: true });
      detach = () => {
        document.removeEventListener("keydown", onKey);
        document.removeEventListener("visibilitychange", onVisibility);
        document.removeEventListener("pointerdown", unlock);
        document.removeEventListener("keydown", unlock);
        detach = null;
      };
      return document.visibilityState === "visible";
    },

    detach() {
      if (detach) {
        detach();
      }
    },

    /** Sound and a system notification, only while the agent is looking at another tab or window. */
    notify(title, body, tag) {
      if (document.visibilityState === "visible") {
        return false;
      }
      chime();
      if ("Notification" in window && Notification.permission === "granted") {
        const notification = new Notification(title, { body, tag });
        notification.onclick = () => {
          window.focus();
          notification.close();
        };
      }
      return true;
    },

    notificationPermission() {
      return "Notification" in window ? Notification.permission : "unsupported";
    },

    async requestNotificationPermission() {
      return "Notification" in window ? await Notification.requestPermission() : "unsupported";
    },

    /** The tab's title: the console's unread count must show while the agent looks at another tab. */
    setTitle(title) {
      document.title = title;
    },

    /** Saves text as a file: an admin's export of a customer's data. */
    download(fileName, text, type) {
      const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
      const link = document.createElement("a");
      link.href = url;
      link.download = fileName;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    },

    focus(selector) {
      const element = document.querySelector(selector);
      if (element instanceof HTMLElement) {
        element.focus();
      }
    },
  };
})();
