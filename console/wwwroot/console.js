// Enter sends, Shift+Enter inserts a newline. Blazor cannot cancel a key's default action
// conditionally, so this stops the newline here while the component's keydown handler sends.
document.addEventListener("keydown", (event) => {
  const target = event.target;
  if (!(target instanceof HTMLElement) || !target.hasAttribute("data-enter-sends")) {
    return;
  }
  // isComposing: Enter that confirms an IME composition must not send.
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
  }
}, true);
