// A tiny element builder: h("li", { class: "bed", dataset: { bedId } }, "text", child).

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "dataset") Object.assign(element.dataset, value);
    else if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? "" : value);
  }
  element.append(...children.flat().filter((c) => c !== undefined && c !== null && c !== false));
  return element;
}

/** Sets text only when it differs, so unchanged cells cause no layout work. */
export function setText(element, text) {
  const value = String(text ?? "");
  if (element.textContent !== value) element.textContent = value;
}

export function clear(element) {
  element.replaceChildren();
  return element;
}

/**
 * Returns a function that schedules `fn` before the next paint, once however often it is called until then, so a burst
 * of changes costs one DOM update. A timer stands in for frames in hidden tabs, which get none.
 */
export function oncePerFrame(fn) {
  let queued = false;
  return () => {
    if (queued) return;
    queued = true;
    let done = false;
    const run = () => {
      if (done) return;
      done = true;
      queued = false;
      fn();
    };
    requestAnimationFrame(run);
    setTimeout(run, 250);
  };
}
